using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Display;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Apps.Display;

public sealed class DisplayPageTests : BunitContext
{
    private readonly FakeThywillClient _self = new();
    private readonly FakeClientDirectory _directory = new();
    private readonly FakeTimeProvider _time = new();
    private readonly BunitAuthorizationContext _auth;

    public DisplayPageTests()
    {
        // The viewer is a signed-in operator unless a test says otherwise: strangers see counts only.
        _auth = AddAuthorization();
        _auth.SetAuthorized("ops");
        _auth.SetPolicies(DisplayApplication.OperatorPolicy);
        // DisplayPage uses no JavaScript: any interop call fails the test.
        JSInterop.Mode = JSRuntimeMode.Strict;
        Services.AddSingleton<IClientDirectory>(_directory);
        Services.AddSingleton<IApplicationCatalog>(new FakeApplicationCatalog(
            new ApplicationDescriptor("echo", "Echo"),
            new ApplicationDescriptor("echo-razor", "Echo (Razor)"),
            new ApplicationDescriptor("relay", "Relay")));
        Services.AddSingleton<TimeProvider>(_time);
    }

    [Fact]
    public void Render_Nodes_ShowsEachUpOrDownWithItsClients_AndTheMachineToOperatorsOnly()
    {
        var seen = _time.GetUtcNow();
        Services.AddSingleton<IThywillNodes>(new FixedNodes(
            new NodeInfo("node-a", "machine-a", 3, seen, seen, Up: true, IsThisNode: true),
            new NodeInfo("node-b", "machine-b", 0, seen, seen - TimeSpan.FromMinutes(2), Up: false, IsThisNode: false)));

        var cut = RenderDisplay();

        Assert.Equal("1", cut.Find("#display-nodes").GetAttribute("data-up"));
        Assert.Equal([("node-a", "true", "3"), ("node-b", "false", "0")], cut.FindAll("[data-display-node]").Select(n => (n.GetAttribute("data-display-node"), n.GetAttribute("data-up"), n.GetAttribute("data-clients"))));
        Assert.Contains("down, last seen 2 min ago", cut.Find("[data-display-node='node-b']").TextContent, StringComparison.Ordinal);
        Assert.Contains("machine-a", cut.Find("[data-display-node='node-a']").TextContent, StringComparison.Ordinal);

        _auth.SetNotAuthorized();
        _auth.SetPolicies();
        var stranger = RenderDisplay();
        Assert.DoesNotContain("machine-a", stranger.Find("#display-nodes").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryApplication_ShowsItsCountAndItsClients()
    {
        _directory.Clients.Add(Connected("echo", "ann"));
        _directory.Clients.Add(Connected("echo", "bob"));

        var cut = RenderDisplay();

        Assert.Equal(["echo", "echo-razor", "relay"], cut.FindAll("[data-display-app]").Select(s => s.GetAttribute("data-display-app")));
        Assert.Equal("2", cut.Find("[data-display-count='echo']").TextContent);
        Assert.Equal("0", cut.Find("[data-display-count='relay']").TextContent);
        Assert.Equal(["ann", "bob"], cut.FindAll("[data-display-app='echo'] [data-display-client]").Select(r => r.GetAttribute("data-display-client")));
        Assert.Equal("No clients.", cut.Find("[data-display-app='relay'] .empty").TextContent);
        Assert.Equal("2", cut.Find("#display-total").GetAttribute("data-count"));
    }

    [Fact]
    public void Render_ForAStranger_ShowsCountsButNoClientSessionOrChannel()
    {
        // bUnit's fake grants a listed policy to anyone: a stranger is signed out and passes none
        // (the e2e suite checks the Host's real policy against a real stranger).
        _auth.SetNotAuthorized();
        _auth.SetPolicies();
        _directory.Clients.Add(Connected("relay", "client-7f3k", channels: ["$session:abcdefghijklmnop", "room:secret"]));

        var cut = RenderDisplay();

        Assert.Equal("1", cut.Find("[data-display-count='relay']").TextContent);
        Assert.Empty(cut.FindAll("[data-display-client]"));
        Assert.NotNull(cut.Find("[data-display-hidden='relay']"));
        Assert.DoesNotContain("client-7f3k", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefgh", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("room:secret", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ForASignedInUserWhoIsNotAnOperator_ShowsCountsOnly()
    {
        _auth.SetPolicies();
        _directory.Clients.Add(Connected("relay", "ann"));

        var cut = RenderDisplay();

        Assert.Empty(cut.FindAll("[data-display-client]"));
    }

    [Fact]
    public void Render_Client_ShowsSessionPrefixSinceLinkAndChannels()
    {
        _directory.Clients.Add(Connected("relay", "ann", isUp: false, channels: ["$broadcast", "$client:ann", "$session:abcdefghijklmnop", "room:lobby"]));
        _time.Advance(TimeSpan.FromSeconds(42));

        var cut = RenderDisplay();

        var row = cut.Find("[data-display-client='ann']");
        Assert.Equal("false", row.GetAttribute("data-up"));
        Assert.Contains("abcdefgh…", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnop", row.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("42 s", row.QuerySelector(".ago")!.TextContent);
        Assert.Equal("down", row.QuerySelector(".link")!.TextContent);
        Assert.Equal(
            ["room:lobby", "$broadcast", "$client:ann", "$session:abcdefgh…"],
            row.QuerySelectorAll("[data-display-channel]").Select(c => c.GetAttribute("data-display-channel")));
    }

    [Fact]
    public void Render_OwnClient_IsMarked()
    {
        _directory.Clients.Add(Connected("echo-razor", _self.Client.ClientId));
        _directory.Clients.Add(Connected("echo-razor", "other"));

        var cut = RenderDisplay();

        Assert.Contains("self", cut.Find($"[data-display-client='{_self.Client.ClientId}']").ClassList);
        Assert.DoesNotContain("self", cut.Find("[data-display-client='other']").ClassList);
        Assert.Single(cut.FindAll(".you"));
    }

    [Fact]
    public async Task Changed_ClientConnected_AppearsWithoutReload()
    {
        var cut = RenderDisplay();

        _directory.Clients.Add(Connected("echo", "ann"));
        _directory.RaiseChanged();

        await cut.WaitForAssertionAsync(() => Assert.Single(cut.FindAll("[data-display-client='ann']")));
        Assert.Equal("1", cut.Find("[data-display-count='echo']").TextContent);
    }

    [Fact]
    public async Task Changed_ClientDisconnected_Disappears()
    {
        _directory.Clients.Add(Connected("echo", "ann"));
        var cut = RenderDisplay();

        _directory.Clients.Clear();
        _directory.RaiseChanged();

        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll("[data-display-client]")));
        Assert.Equal("0", cut.Find("[data-display-count='echo']").TextContent);
    }

    [Fact]
    public void Render_ClientOfAnApplicationNotInTheCatalog_StillListedAndCounted()
    {
        _directory.Clients.Add(Connected("retired", "ann"));

        var cut = RenderDisplay();

        Assert.Single(cut.FindAll("[data-display-app='retired'] [data-display-client='ann']"));
        Assert.Equal("1", cut.Find("#display-total").GetAttribute("data-count"));
    }

    [Fact]
    public async Task Refresh_ChannelJoinedWithoutAChangedEvent_ShownOnTheNextTick()
    {
        _directory.Clients.Add(Connected("relay", "ann", channels: ["$broadcast"]));
        var cut = RenderDisplay(TimeSpan.FromMilliseconds(20));

        _directory.Clients[0] = Connected("relay", "ann", channels: ["$broadcast", "room:lobby"]);
        Assert.Empty(cut.FindAll("[data-display-channel='room:lobby']"));

        // The manual clock fires the periodic refresh when it is advanced past the interval.
        _time.Advance(TimeSpan.FromMilliseconds(25));

        await cut.WaitForAssertionAsync(() => Assert.Single(cut.FindAll("[data-display-channel='room:lobby']")));
    }

    [Fact]
    public async Task Dispose_Rendered_UnsubscribesFromTheDirectory()
    {
        RenderDisplay();
        Assert.Equal(1, _directory.ChangedHandlerCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, _directory.ChangedHandlerCount);
    }

    // The periodic refresh runs on the manual clock: it fires only when a test advances past the interval.
    private IRenderedComponent<DisplayPage> RenderDisplay(TimeSpan? refreshInterval = null) =>
        Render<DisplayPage>(parameters => parameters
            .AddCascadingValue<IThywillClient>(_self)
            .Add(p => p.RefreshInterval, refreshInterval ?? TimeSpan.FromHours(1)));

    private ConnectedClient Connected(string applicationId, string clientId, bool isUp = true, string[]? channels = null) =>
        new(
            new ClientInfo(applicationId, clientId, "session-" + clientId + "-0123456789", UserId: null),
            CircuitId: "circuit-" + clientId,
            ConnectedAt: _time.GetUtcNow(),
            IsUp: isUp,
            Pending: 0,
            Delivered: 0,
            Dropped: 0,
            Channels: channels ?? ["$broadcast", "$client:" + clientId]);

    private sealed class FixedNodes(params NodeInfo[] nodes) : IThywillNodes
    {
        public Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<NodeInfo>>(nodes);
    }
}
