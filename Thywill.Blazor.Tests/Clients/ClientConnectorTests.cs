using Thywill.Blazor.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

public sealed class ClientConnectorTests : IAsyncDisposable
{
    private const string Session = "session-1";

    private readonly ServiceProvider _services = TestServices.Build(replace: s => s.AddSingleton<IThywillStore, FakeThywillStore>());

    private ClientConnector Connector => _services.GetRequiredService<ClientConnector>();

    private IResumeTokenService Tokens => _services.GetRequiredService<IResumeTokenService>();

    [Fact]
    public async Task ConnectAsync_NoToken_AssignsNewClientAndIssuesItsToken()
    {
        var result = await ConnectAsync("echo", Session, token: null);

        Assert.False(result.Configuration.Resumed);
        Assert.Equal(result.Session.Client.ClientId, result.Configuration.ClientId);
        Assert.True(Tokens.TryRead(result.ResumeToken, out var token));
        Assert.Equal(new ResumeToken(result.Session.Client.ClientId, "echo", Session), token);
    }

    [Fact]
    public async Task ConnectAsync_TokenOfDisconnectedClient_ResumesItsClientId()
    {
        var first = await ConnectAsync("echo", Session, token: null);
        await Connector.DisconnectAsync(first.Session, CancellationToken.None);

        var second = await ConnectAsync("echo", Session, first.ResumeToken);

        Assert.Equal(first.Session.Client.ClientId, second.Session.Client.ClientId);
        Assert.True(second.Configuration.Resumed);
    }

    [Fact]
    public async Task ConnectAsync_ResumedClient_ConfigurationCarriesTheConnectCountItJustRecorded()
    {
        var first = await ConnectAsync("echo", Session, token: null);
        await Connector.DisconnectAsync(first.Session, CancellationToken.None);

        var second = await ConnectAsync("echo", Session, first.ResumeToken);

        Assert.Equal(1, first.Configuration.BootstrapParameters["connectCount"]);
        Assert.Equal(2, second.Configuration.BootstrapParameters["connectCount"]);
        Assert.Equal(0, ((FakeThywillStore)_services.GetRequiredService<IThywillStore>()).ClientReads);
    }

    [Fact]
    public async Task ConnectAsync_TokenOfClientWhoseCircuitIsDown_ResumesAndClosesTheOldConnection()
    {
        var oldLink = new CircuitLink();
        var first = await ConnectAsync("echo", Session, token: null, oldLink);
        oldLink.SetDown();

        var second = await ConnectAsync("echo", Session, first.ResumeToken);

        Assert.Equal(first.Session.Client.ClientId, second.Session.Client.ClientId);
        Assert.True(first.Session.Lifetime.IsCancellationRequested);
        Assert.Equal(1, _services.GetRequiredService<ClientRegistry>().Count);
    }

    [Fact]
    public async Task ConnectAsync_TokenOfClientStillConnected_AssignsNewClientId()
    {
        var original = await ConnectAsync("echo", Session, token: null);

        // A duplicated tab presents the token its original still uses.
        var duplicate = await ConnectAsync("echo", Session, original.ResumeToken);

        Assert.NotEqual(original.Session.Client.ClientId, duplicate.Session.Client.ClientId);
        Assert.False(duplicate.Configuration.Resumed);
        Assert.False(original.Session.Lifetime.IsCancellationRequested);
    }

    [Fact]
    public async Task ConnectAsync_TokenOfClientWhoseOldCircuitGoesDownMomentsLater_ResumesIt()
    {
        // A reload: the new page's circuit can start before the old page's circuit has gone away.
        var oldLink = new CircuitLink();
        var original = await ConnectAsync("echo", Session, token: null, oldLink);

        var reconnecting = ConnectAsync("echo", Session, original.ResumeToken);
        await Task.Delay(200);
        oldLink.SetDown();
        var reloaded = await reconnecting;

        Assert.Equal(original.Session.Client.ClientId, reloaded.Session.Client.ClientId);
        Assert.True(reloaded.Configuration.Resumed);
    }

    [Fact]
    public async Task ConnectAsync_TokenOfClientWhosePreviousPageLeft_TakesItOverThoughItsCircuitIsStillUp()
    {
        // A reload on a slow machine: the old page's circuit outlives the grace period, but the tab said its page went away.
        var original = await ConnectAsync("echo", Session, token: null);

        var reloaded = await ConnectAsync("echo", Session, original.ResumeToken, previousPageLeft: true);

        Assert.Equal(original.Session.Client.ClientId, reloaded.Session.Client.ClientId);
        Assert.True(reloaded.Configuration.Resumed);
        Assert.True(original.Session.Lifetime.IsCancellationRequested);
    }

    [Theory]
    [InlineData("echo-razor", Session)]
    [InlineData("echo", "session-2")]
    public async Task ConnectAsync_TokenOfAnotherApplicationOrSession_AssignsNewClientId(string applicationId, string sessionId)
    {
        var token = Tokens.Issue(new ResumeToken("victim", "echo", Session));

        var result = await ConnectAsync(applicationId, sessionId, token);

        Assert.NotEqual("victim", result.Session.Client.ClientId);
        Assert.False(result.Configuration.Resumed);
        Assert.True(Tokens.TryRead(result.ResumeToken, out var issued));
        Assert.Equal(new ResumeToken(result.Session.Client.ClientId, applicationId, sessionId), issued);
    }

    [Fact]
    public async Task ConnectAsync_TokenFromAnotherKeyRing_AssignsNewClientId()
    {
        var forged = new ResumeTokenService(new EphemeralDataProtectionProvider(), TestOptionsMonitor.Of(new ClientOptions()))
            .Issue(new ResumeToken("victim", "echo", Session));

        var result = await ConnectAsync("echo", Session, forged);

        Assert.NotEqual("victim", result.Session.Client.ClientId);
        Assert.False(result.Configuration.Resumed);
    }

    [Fact]
    public async Task ConnectAsync_UnknownApplication_ThrowsBootstrapException()
    {
        var error = await Assert.ThrowsAsync<BootstrapException>(() => ConnectAsync("nope", Session, token: null));

        Assert.Equal("unknown-application", error.Code);
        Assert.Equal(0, _services.GetRequiredService<ClientRegistry>().Count);
    }

    [Fact]
    public async Task DisconnectAsync_ConnectedClient_LeavesTheRegistry()
    {
        var result = await ConnectAsync("echo", Session, token: null);

        await Connector.DisconnectAsync(result.Session, CancellationToken.None);

        Assert.Equal(0, _services.GetRequiredService<ClientRegistry>().Count);
        Assert.True(result.Session.Lifetime.IsCancellationRequested);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private Task<ConnectResult> ConnectAsync(string applicationId, string sessionId, string? token, CircuitLink? link = null, bool previousPageLeft = false) =>
        Connector.ConnectAsync(new ConnectRequest(applicationId, sessionId, UserId: null, token, new Dictionary<string, RememberedChannel>(), previousPageLeft), link ?? new CircuitLink(), CancellationToken.None);
}
