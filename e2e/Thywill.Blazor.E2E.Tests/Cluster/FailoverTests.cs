using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Cluster;

/// <summary>
/// A node dies (kill -9): its browsers come back through the balancer on another node as the same
/// client and recover every message once, in order — the promise no peer keeps.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FailoverTests(BrowserFixture browser, ITestOutputHelper output) : ThywillBrowserTest(browser)
{
    private const string Room = "room:failover";

    [Fact]
    public Task NodeKilled_ItsJavaScriptClientComesBackOnAnotherNode_WithEveryMessageOnce_InOrder() => RunAsync(async newContext =>
    {
        await using var cluster = await Kit.Cluster.StartAsync(2, ClusterFixture.Settings);
        var (ann, annNode) = await cluster.OpenAsync(await newContext(), "relay");
        var doomed = annNode();
        Assert.InRange(doomed, 0, 1);
        var survivor = 1 - doomed;
        var bob = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", survivor));
        Assert.True((await ann.JoinAsync(Room, new { info = "Ann" })).GetProperty("ok").GetBoolean());
        Assert.True((await bob.JoinAsync(Room, new { info = "Bob" })).GetProperty("ok").GetBoolean());
        await PublishAsync(bob, 1, 10);
        await ann.WaitForMessageAsync("m => m.data === 'm10'");
        var annClient = ann.ClientId;

        await cluster.Nodes[doomed].KillAsync();
        await PublishAsync(bob, 11, 30);

        // Nobody touches Ann's page: it finds its node gone and comes back through nginx by itself.
        try
        {
            await ann.Page.WaitForFunctionAsync("() => window.__received && window.__received.some(m => m.data === 'm30')", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("Ann did not come back with m30 within 60 s:\n" + cluster.Output);
        }

        Assert.Equal(survivor, annNode());
        Assert.Equal(annClient, await ann.Page.EvaluateAsync<string>("async () => (await thywill.ready()).clientId"));
        var received = (await ann.ReceivedInAsync(Room)).Where(m => m.Text.StartsWith('m')).ToArray();
        var texts = received.Select(m => m.Text).ToArray();
        output.WriteLine($"after the kill: received {string.Join(",", texts)}");

        // Whatever Ann's page kept from before, everything after m10 arrives exactly once, in order.
        var after = received.SkipWhile(m => m.Offset <= 10).ToArray();
        Assert.Equal(Enumerable.Range(11, 20).Select(i => "m" + i), after.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(11, 20).Select(i => (long)i), after.Select(m => m.Offset));
        Assert.Equal(texts.Length, texts.Distinct().Count());

        // Ann is one member of the room, not two: a newcomer's join lists her once.
        var carol = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", survivor));
        var joined = await carol.JoinAsync(Room, new { info = "Carol" });
        var members = joined.GetProperty("presence").EnumerateArray().Select(m => m.GetProperty("clientId").GetString()).ToArray();
        Assert.Equal(new[] { annClient, bob.ClientId, carol.ClientId }.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
    });

    private static async Task PublishAsync(ThywillPage publisher, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            var result = await publisher.PublishAsync(Room, "m" + i);
            Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        }
    }
}
