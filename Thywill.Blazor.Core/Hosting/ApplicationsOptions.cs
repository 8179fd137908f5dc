namespace Thywill.Blazor.Hosting;

/// <summary>
/// The <c>Thywill:Applications</c> section: per-application settings keyed by application id. Every
/// key must name a registered application or, with a <see cref="ApplicationOptions.Name"/>, define a
/// configuration-only one; the catalog checks that when it is built at start-up.
/// </summary>
/// <remarks>Defaults to empty: every registered application is enabled with its own defaults.</remarks>
internal sealed class ApplicationsOptions : Dictionary<string, ApplicationOptions>
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Applications";

    /// <summary>Creates an empty set; ids compare ordinally.</summary>
    public ApplicationsOptions()
        : base(StringComparer.Ordinal)
    {
    }
}
