using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>A host for the chat tests: a one-second presence grace period, so a closed tab leaves soon.</summary>
public sealed class ChatHostFixture : IAsyncLifetime
{
    /// <summary>Settings for chat hosts in these tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Thywill:Channels:PresenceGracePeriod"] = "00:00:01",
    };

    /// <summary>The host.</summary>
    public ThywillTestHost Host { get; private set; } = default!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await ThywillTestHost.StartAsync<Program>(Settings);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
