using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>The host refuses to start on a bad <c>Thywill</c> key, and says which.</summary>
[Collection(HostCollection.Name)]
public sealed class ThywillHostStartupTests
{
    [Theory]
    [InlineData("Thywill:Messages:MaxMessageBytes", "10", "Thywill:Messages:MaxMessageBytes")]
    [InlineData("Thywill:Push:OutboxCapacity", "0", "Thywill:Push:OutboxCapacity")]
    [InlineData("Thywill:Applications:nope:Enabled", "true", "Thywill:Applications:nope")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "16777216", "Thywill:Messages:MaxMessageBytes is 16777216")]
    [InlineData("Thywill:Operator:MetricsNetworks:0", "127.0.0.1", "Thywill:Operator:MetricsNetworks is set, but /operator/metrics is gone")]
    [InlineData("Thywill:Operator:Enabled", "true", "Thywill:Operator:Enabled is set, but /operator/metrics is gone")]
    [InlineData("Thywill:Operator:SignInAttemptsPerMinute", "0", "Thywill:Operator:SignInAttemptsPerMinute must be 1 to 1000 (it is 0)")]
    [InlineData("Thywill:Metrics:AllowedNetworks:0", "loopback", "Thywill:Metrics:AllowedNetworks:0 is 'loopback'")]
    [InlineData("Host:ForwardedHeaders:KnownProxies:0", "proxy.local", "Host:ForwardedHeaders:KnownProxies:0 is 'proxy.local'")]
    [InlineData("Host:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "Host:ForwardedHeaders:KnownNetworks:0 is '10.0.0.0/33'")]
    [InlineData("Host:PerAddress:MaxConnections", "0", "Host:PerAddress:MaxConnections is 0")]
    [InlineData("Host:PerAddress:BootstrapsPerSecond", "-1", "Host:PerAddress:BootstrapsPerSecond is -1")]
    [InlineData("Host:PerAddress:BootstrapBurst", "0", "Host:PerAddress:BootstrapBurst is 0")]
    public async Task Start_BadKey_FailsNamingTheKey(string key, string value, string named)
    {
        await using var factory = new ThywillHostFactory((key, value));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShippedConfiguration_TheRulesChatAndDrawDeclareInCodeAreInForce()
    {
        await using var factory = new ThywillHostFactory();
        using var client = factory.CreateClient();
        var server = factory.Services.GetRequiredService<Thywill.Blazor.Hosting.IThywillServer>();

        var chat = server.Channels("chat").Rules;
        var draw = server.Channels("draw").Rules;

        Assert.Equal(["room:*", "person:*", "rooms", "pair:*"], chat.Select(r => r.Pattern));
        Assert.Equal((true, false, true, 200, true), (chat[0].Join, chat[0].Publish, chat[0].Presence, chat[0].HistorySize, chat[0].Archive));
        Assert.Equal((false, false, true, 1, true), (chat[1].Join, chat[1].Publish, chat[1].Presence, chat[1].HistorySize, chat[1].Archive));
        Assert.Equal((false, false, 200, true), (chat[2].Join, chat[2].Publish, chat[2].HistorySize, chat[2].Archive));
        Assert.Equal((false, false, 100), (chat[3].Join, chat[3].Publish, chat[3].HistorySize));
        Assert.Equal(["draw:*"], draw.Select(r => r.Pattern));
        Assert.Equal((true, true, 2000, 4L * 1024 * 1024), (draw[0].Join, draw[0].Publish, draw[0].HistorySize, draw[0].HistoryMaxBytes));
    }

    [Fact]
    public async Task Start_ShippedConfiguration_ServesEveryExampleApplication()
    {
        await using var factory = new ThywillHostFactory();
        using var client = factory.CreateClient();

        using var echo = await client.GetAsync(new Uri("/thywill/init/echo", UriKind.Relative));
        using var echoRazor = await client.GetAsync(new Uri("/thywill/init/echo-razor", UriKind.Relative));
        using var chat = await client.GetAsync(new Uri("/thywill/init/chat", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, echoRazor.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, chat.StatusCode);
    }
}
