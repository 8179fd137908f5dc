namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// Tests that start the real host run one at a time: its Program replaces Serilog's static
/// bootstrap logger, which two hosts starting at once would both try to freeze.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "Host";
}
