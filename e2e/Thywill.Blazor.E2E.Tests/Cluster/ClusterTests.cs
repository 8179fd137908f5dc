using Microsoft.Playwright;
using Thywill.Blazor.E2E.Chat;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Cluster;

/// <summary>
/// Two nodes sharing Redis and PostgreSQL: a browser on one node and a browser on the other are in
/// the same channels and see each other's presence, in a JavaScript app and in Razor chat; calls
/// are answered by the node the tab is on; the balancer spreads browsers and keeps each on its node.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ClusterTests(BrowserFixture browser, ClusterFixture fixture) : ThywillBrowserTest(browser), IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public Task Publish_OnEitherNode_ReachesTheOtherNodesMembers() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("relay", node: 0));
        var bob = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("relay", node: 1));
        Assert.True((await ann.JoinAsync("room:across")).GetProperty("ok").GetBoolean());
        Assert.True((await bob.JoinAsync("room:across")).GetProperty("ok").GetBoolean());

        Assert.True((await ann.PublishAsync("room:across", "from node 0")).GetProperty("ok").GetBoolean());
        Assert.True((await bob.PublishAsync("room:across", "from node 1")).GetProperty("ok").GetBoolean());

        foreach (var tab in new[] { ann, bob })
        {
            await tab.WaitForMessageAsync("m => m.data === 'from node 1'");
            var received = await tab.ReceivedInAsync("room:across");
            Assert.Equal([(1L, "from node 0"), (2L, "from node 1")], received);
        }
    });

    [Fact]
    public Task Presence_MembersOnTwoNodes_SeeEachOtherComeAndGo() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("relay", node: 0));
        var bob = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("relay", node: 1));

        await JoinInThePageAsync(ann.Page, "room:presence", "Ann");
        await JoinInThePageAsync(bob.Page, "room:presence", "Bob");
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(bob.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann", "Bob"]);

        await bob.Page.CloseAsync();
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann"], new() { Timeout = 15_000 });
    });

    [Fact]
    public Task RazorChat_RoomWithPeopleOnTwoNodes_BothSeeEveryLineAndEachOther() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Cluster.AppUrl("chat", node: 0), "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Cluster.AppUrl("chat", node: 1), "Bob");
        await ann.JoinAsync("nodes");
        await bob.JoinAsync("nodes");
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);

        await ann.SayAsync("hello from node 0");
        await bob.SayAsync("hello from node 1");

        await Expect(ann.Texts).ToHaveTextAsync(["hello from node 0", "hello from node 1"]);
        await Expect(bob.Texts).ToHaveTextAsync(["hello from node 0", "hello from node 1"]);
    });

    [Fact]
    public Task RazorChat_APersonsTabsOnTwoNodes_AreOnePerson_ADirectMessageReachesBoth_AndRoomsAreListedOnBoth() => RunAsync(async newContext =>
    {
        // One browser, a tab on each node: the second tab knows the nickname the first chose.
        var annContext = await newContext();
        var annOn0 = await ChatTab.OpenAsync(annContext, Cluster.AppUrl("chat", node: 0), "Ann");
        var annOn1 = await ChatTab.OpenKnownAsync(annContext, Cluster.AppUrl("chat", node: 1), "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Cluster.AppUrl("chat", node: 1), "Bob");
        await annOn0.JoinAsync("people");
        await bob.JoinAsync("people");
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        var annPerson = await bob.PersonIdAsync("Ann");
        var bobPerson = await annOn0.PersonIdAsync("Bob");

        // Bob, on node 1, writes to Ann, whose room tab is on node 0: both her tabs have it.
        await bob.OpenDirectAsync(annPerson);
        await bob.SayAsync("across the nodes");
        foreach (var annTab in new[] { annOn0, annOn1 })
        {
            await Expect(annTab.Page.Locator($"#chat-unread-dm-{bobPerson}")).ToHaveTextAsync("1");
            await annTab.SelectAsync("dm:" + bobPerson);
            await Expect(annTab.Texts).ToHaveTextAsync(["across the nodes"]);
        }

        // Ann answers from node 0; Bob, on node 1, and her tab on node 1 see it.
        await annOn0.SayAsync("got it");
        await Expect(bob.Texts).ToHaveTextAsync(["across the nodes", "got it"]);
        await Expect(annOn1.Page.Locator("#chat-messages li[data-mine='true'] .chat-text")).ToHaveTextAsync(["got it"]);

        // A room made through node 0 is in the directory of a page that loads on node 1.
        await annOn0.JoinAsync("made-on-0");
        var carol = await ChatTab.OpenAsync(await newContext(), Cluster.AppUrl("chat", node: 1), "Carol");
        await Expect(carol.Page.Locator("#chat-directory [data-directory-room='made-on-0']")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task EchoRpc_OnEachNode_AnswersFromThatNode() => RunAsync(async newContext =>
    {
        for (var node = 0; node < Cluster.Nodes.Count; node++)
        {
            var tab = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("echo-razor", node));
            await tab.Page.FillAsync("#echo-input", "echo on node " + node);
            await tab.Page.ClickAsync("#echo-send");
            await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["echo on node " + node]);
        }
    });

    [Fact]
    public Task Balancer_SpreadsBrowsersOverTheNodes_AndKeepsEachOnItsNode() => RunAsync(async newContext =>
    {
        var nodes = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var (tab, node) = await Cluster.OpenAsync(await newContext(), "echo");
            await tab.Page.FillAsync("#echo-input", "through nginx");
            await tab.Page.ClickAsync("#echo-send");
            await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["through nginx"]);
            nodes.Add(node());
        }

        Assert.All(nodes, n => Assert.InRange(n, 0, Cluster.Nodes.Count - 1));
        Assert.True(nodes.Distinct().Count() > 1, $"All 8 browsers went to node {nodes[0]}: the balancer does not spread sessions.");
    });

    [Fact]
    public Task Display_ListsBothNodesUp_WithTheirClients() => RunAsync(async newContext =>
    {
        var relay = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("relay", node: 1));
        var display = await ThywillPage.OpenAsync(await newContext(), Cluster.AppUrl("display", node: 0));

        await Expect(display.Page.Locator("#display-nodes")).ToHaveAttributeAsync("data-up", "2", new() { Timeout = 15_000 });
        await Expect(display.Page.Locator("[data-display-node][data-up='true']")).ToHaveCountAsync(2);
        Assert.Contains("(this node)", await display.Page.Locator("[data-display-node]").First.TextContentAsync(), StringComparison.Ordinal);

        // The other node counts the relay tab (its heartbeat carries its clients).
        Assert.False(string.IsNullOrEmpty(relay.ClientId));
        await display.Page.WaitForFunctionAsync("() => Number(document.querySelectorAll('[data-display-node]')[1]?.dataset.clients) >= 1", null, new() { Timeout = 15_000 });
    });

    private static async Task JoinInThePageAsync(IPage page, string room, string name)
    {
        await page.FillAsync("#relay-room-input", room);
        await page.FillAsync("#relay-name", name);
        await page.ClickAsync("#relay-join-button");
        await Expect(page.Locator("#thywill-app")).ToHaveAttributeAsync("data-joined", room);
    }
}
