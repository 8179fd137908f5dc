namespace Thywill.Blazor.Bootstrap;

/// <summary>The kinds of bootstrap resource, as in the seed's <c>{type, resource}</c> pairs.</summary>
public enum BootstrapResourceType
{
    /// <summary>A <c>&lt;script&gt;</c>, loaded in order at the end of the body.</summary>
    Script,

    /// <summary>A <c>&lt;link rel="stylesheet"&gt;</c> in the head.</summary>
    Style,
}
