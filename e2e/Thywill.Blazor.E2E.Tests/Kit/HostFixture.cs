namespace Thywill.Blazor.E2E.Kit;

/// <summary>A test host shared by the tests of one class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    /// <summary>The host.</summary>
    public ThywillTestHost Host { get; private set; } = default!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await ThywillTestHost.StartAsync<Program>();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
