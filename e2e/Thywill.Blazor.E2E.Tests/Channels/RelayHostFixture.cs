using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Channels;

/// <summary>A host whose relay application also has a join-only channel and a short presence grace period.</summary>
public sealed class RelayHostFixture : IAsyncLifetime
{
    /// <summary>Settings for relay hosts in these tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Thywill:Channels:PresenceGracePeriod"] = "00:00:01",
        ["Thywill:Applications:relay:Channels:1:Pattern"] = "announce:*",
        ["Thywill:Applications:relay:Channels:1:Join"] = "true",
        ["Thywill:Applications:relay:Channels:1:Publish"] = "false",
    };

    /// <summary>The host.</summary>
    public ThywillTestHost Host { get; private set; } = default!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await ThywillTestHost.StartAsync<Program>(Settings);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
