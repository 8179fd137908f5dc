using Microsoft.Playwright;
using Thywill.Blazor.E2E.Chat;
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
        await using var cluster = await TestCluster.StartAsync(2, ClusterFixture.Settings);
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

    [Fact]
    public Task NodeKilled_ItsRazorChatTabComesBackOnAnotherNode_WithEveryLineOnce_InOrder_AsTheSamePerson() => RunAsync(async newContext =>
    {
        await using var cluster = await TestCluster.StartAsync(2, ClusterFixture.Settings);
        var (annPage, annNode) = await cluster.OpenAsync(await newContext(), "chat");
        var ann = await ChatTab.FromAsync(annPage, "Ann");
        var doomed = annNode();
        Assert.InRange(doomed, 0, 1);
        var survivor = 1 - doomed;
        var bob = await ChatTab.OpenAsync(await newContext(), cluster.AppUrl("chat", survivor), "Bob");
        await ann.JoinAsync("failover");
        await bob.JoinAsync("failover");
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        for (var i = 1; i <= 5; i++)
        {
            await bob.SayAsync("m" + i);
        }

        await Expect(ann.Texts).ToHaveTextAsync(Lines(1, 5));
        var annClient = ann.Tab.ClientId;

        await cluster.Nodes[doomed].KillAsync();
        for (var i = 6; i <= 15; i++)
        {
            await bob.SayAsync("m" + i);
        }

        // Nobody touches Ann's page: it comes back through nginx by itself, on the other node, as
        // the same client and person, and shows every line once, in order.
        try
        {
            await Expect(ann.Texts).ToHaveTextAsync(Lines(1, 15), new() { Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            Assert.Fail($"Ann's chat did not come back with m1–m15 within 60 s ({e.Message}):\n" + cluster.Output);
        }

        Assert.Equal(survivor, annNode());
        Assert.Equal(annClient, await ann.Page.EvaluateAsync<string>("async () => (await thywill.ready()).clientId"));
        await Expect(ann.Page.Locator("#chat-me")).ToHaveTextAsync("Ann");
        await Expect(ann.Page.Locator("#chat-nickname")).ToHaveCountAsync(0);

        // One Ann in the room, and she can speak.
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await ann.SayAsync("back");
        await Expect(bob.Texts).ToHaveTextAsync([.. Lines(1, 15), "back"]);
    });

    private static string[] Lines(int first, int last) => [.. Enumerable.Range(first, last - first + 1).Select(i => "m" + i)];

    [Fact]
    public Task NodeTerminated_DuringAPublishStream_ItsPageMovesToAnotherNode_AndMissesNothing() => RunAsync(async newContext =>
    {
        // A rolling restart: SIGTERM, then the node drains for 4 s (not ready for 2 s, then its pages
        // are asked to move, through the balancer, which takes the draining node's 503 to the other).
        const string Stream = "room:rolling";
        const int Count = 80;
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string?>(ClusterFixture.Settings) { ["Thywill:Drain:Delay"] = "00:00:04" });
        var (ann, annNode) = await cluster.OpenAsync(await newContext(), "relay");
        var draining = annNode();
        Assert.InRange(draining, 0, 1);
        var survivor = 1 - draining;
        var bob = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", survivor));

        // What Ann receives is kept across her page's move (a reload), in the tab's session storage.
        const string Record = """
            () => thywill.on('message', m => {
                if (m.channel !== 'room:rolling') return;
                const all = JSON.parse(sessionStorage.getItem('test.all') || '[]');
                all.push([m.offset, m.data]);
                sessionStorage.setItem('test.all', JSON.stringify(all));
            })
            """;
        await ann.Page.AddInitScriptAsync($"window.addEventListener('DOMContentLoaded', {Record})");
        await ann.Page.EvaluateAsync(Record);
        Assert.True((await ann.JoinAsync(Stream)).GetProperty("ok").GetBoolean());
        Assert.True((await bob.JoinAsync(Stream)).GetProperty("ok").GetBoolean());
        var annClient = ann.ClientId;

        var publishing = Task.Run(async () =>
        {
            for (var i = 1; i <= Count; i++)
            {
                var result = await bob.PublishAsync(Stream, "s" + i);
                Assert.True(result.GetProperty("ok").GetBoolean(), $"s{i}: {result}");
                await Task.Delay(75);
            }
        });
        await ann.WaitForMessageAsync("m => m.data === 's10'", 15_000);
        await cluster.Nodes[draining].TerminateAsync();
        await publishing;

        // The draining node stops by itself, having asked Ann's page to move.
        Assert.Equal(0, await cluster.Nodes[draining].WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("asked 1 clients to move", cluster.Nodes[draining].Output, StringComparison.Ordinal);
        try
        {
            await ann.Page.WaitForFunctionAsync($"() => (sessionStorage.getItem('test.all') || '').includes('\"s{Count}\"')", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Ann did not get s{Count} within 60 s:\n" + cluster.Output);
        }

        Assert.Equal(survivor, annNode());
        Assert.Equal(annClient, await ann.Page.EvaluateAsync<string>("async () => (await thywill.ready()).clientId"));
        var all = await ann.Page.EvaluateAsync<System.Text.Json.JsonElement>("() => JSON.parse(sessionStorage.getItem('test.all'))");
        var received = all.EnumerateArray().Select(m => (Offset: m[0].GetInt64(), Text: m[1].GetString())).ToArray();
        output.WriteLine($"Ann received {received.Length}: {string.Join(",", received.Select(m => m.Text))}");

        // Every message once, in order, across the move: nothing lost, nothing repeated.
        Assert.Equal(Enumerable.Range(1, Count).Select(i => "s" + i), received.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), received.Select(m => m.Offset));
    });

    [Fact]
    public Task RedisRestartedEmpty_PublishingMeanwhileFailsAsUnavailable_ThenANewEpochAndTheClientIsToldItWasNotRecovered() => RunAsync(async newContext =>
    {
        const string Live = "live:redis";
        var (cluster, ann, bob) = await InAChannelAsync(newContext, Live);
        await using var stopped = cluster;

        await cluster.Redis.KillAsync();
        var during = await bob.PublishAsync(Live, "during the outage");
        Assert.False(during.GetProperty("ok").GetBoolean(), during.ToString());
        Assert.True(during.GetProperty("code").GetString() == "unavailable", during + "\n" + cluster.Output);

        await cluster.Redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await bob.PublishAsync(Live, "after")).GetProperty("ok").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "Publishing did not work again within 30 s of Redis's restart:\n" + cluster.Output);
            await Task.Delay(250);
        }

        try
        {
            await ann.WaitForMessageAsync("m => m.data === 'after'", 30_000);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("ann never got 'after' (had: " + string.Join(", ", (await ann.ReceivedInAsync(Live)).Select(m => m.Text)) + "):\n" + cluster.Output, e);
        }

        var received = await ann.ReceivedInAsync(Live);
        // Nothing refused was kept: the failed publication is nowhere.
        Assert.Equal(["m1", "m2", "m3", "after"], received.Select(m => m.Text));
        var recoveries = await ann.Page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.__recoveries.filter(e => e.channel === 'live:redis')");
        Assert.True(recoveries.GetArrayLength() >= 1, recoveries.ToString());
        Assert.False(recoveries[0].GetProperty("recovered").GetBoolean());
        var epochs = await ann.Page.EvaluateAsync<string[]>("() => [...new Set(window.__received.filter(m => m.channel === 'live:redis').map(m => m.epoch))]");
        Assert.Equal(2, epochs.Length);
    });

    [Fact]
    public Task RedisRestartedEmpty_AnArchivedChannelContinuesItsEpochAndOffsets_AndItsClientMissesNothing() => RunAsync(async newContext =>
    {
        const string Log = "log:redis";
        var (cluster, ann, bob) = await InAChannelAsync(newContext, Log, (Rule + "Archive", "true"));
        await using var stopped = cluster;

        await cluster.Redis.KillAsync();
        await cluster.Redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await bob.PublishAsync(Log, "m4")).GetProperty("ok").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "Publishing did not work again within 30 s of Redis's restart:\n" + cluster.Output);
            await Task.Delay(250);
        }

        await PublishAsync(bob, 5, 6, Log);
        try
        {
            await ann.WaitForMessageAsync("m => m.data === 'm6'", 30_000);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("ann never got 'm6' (had: " + string.Join(", ", (await ann.ReceivedInAsync(Log)).Select(m => m.Text)) + "):\n" + cluster.Output, e);
        }

        // One epoch, offsets 1-6 once each, and no recovery that says something was lost; a newcomer
        // gets all six from the channel's history.
        var received = await ann.ReceivedInAsync(Log);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => "m" + i), received.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), received.Select(m => m.Offset));
        var epochs = await ann.Page.EvaluateAsync<string[]>("() => [...new Set(window.__received.filter(m => m.channel === 'log:redis').map(m => m.epoch))]");
        Assert.Single(epochs);
        var lost = await ann.Page.EvaluateAsync<int>("() => window.__recoveries.filter(e => e.channel === 'log:redis' && !e.recovered).length");
        Assert.Equal(0, lost);
        var carol = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", 0));
        Assert.True((await carol.JoinAsync(Log, new { history = true })).GetProperty("ok").GetBoolean());
        await carol.WaitForMessageAsync("m => m.data === 'm6'");
        Assert.Equal(Enumerable.Range(1, 6).Select(i => "m" + i), (await carol.ReceivedInAsync(Log)).Select(m => m.Text));
    });

    [Fact]
    public Task RedisPaused_PublishesAreDelayedOrRefusedAsUnavailable_AndNoneAcknowledgedIsLost() => RunAsync(async newContext =>
    {
        const string Live = "live:paused";
        var (cluster, ann, bob) = await InAChannelAsync(newContext, Live, ("Thywill:Engine:Redis:CommandTimeout", "00:00:01"));
        await using var stopped = cluster;

        // Paused for 3 s with a 1 s command timeout: the first publications wait and fail, the later
        // ones go through once Redis answers again.
        Assert.Equal("+OK", await cluster.Redis.CommandAsync("CLIENT", "PAUSE", "3000", "ALL"));
        var outcomes = new List<(string Text, bool Ok, string? Code)>();
        for (var i = 1; i <= 6; i++)
        {
            var result = await bob.PublishAsync(Live, "p" + i);
            var ok = result.GetProperty("ok").GetBoolean();
            outcomes.Add(("p" + i, ok, ok ? null : result.GetProperty("code").GetString()));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await bob.PublishAsync(Live, "after")).GetProperty("ok").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "Publishing did not work again within 30 s of the pause:\n" + cluster.Output);
            await Task.Delay(250);
        }

        await ann.WaitForMessageAsync("m => m.data === 'after'", 30_000);
        var received = await ann.ReceivedInAsync(Live);
        output.WriteLine("during the pause: " + string.Join(", ", outcomes.Select(o => o.Ok ? o.Text : $"{o.Text} ({o.Code})")));
        output.WriteLine("received: " + string.Join(", ", received.Select(m => $"{m.Text}@{m.Offset}")));

        // Every refusal is the named error; nothing acknowledged is missing; offsets stay gap-free
        // and in order, each message once. (A refused publish may still have reached Redis before
        // the timeout: "unavailable" means "not confirmed", so it may be there too.)
        Assert.Contains(outcomes, o => !o.Ok);
        Assert.All(outcomes.Where(o => !o.Ok), o => Assert.Equal("unavailable", o.Code));
        Assert.All(outcomes.Where(o => o.Ok), o => Assert.Contains(o.Text, received.Select(m => m.Text)));
        Assert.Equal(Enumerable.Range(1, received.Length).Select(i => (long)i), received.Select(m => m.Offset));
        Assert.Equal(received.Length, received.Select(m => m.Text).Distinct().Count());
        Assert.Equal(["m1", "m2", "m3"], received.Take(3).Select(m => m.Text));
        Assert.Equal("after", received[^1].Text);
    });

    private const string Rule = "Thywill:Applications:relay:Channels:1:";

    /// <summary>
    /// Two nodes whose relay app has a rule for <paramref name="channel"/>'s kind (join, publish, and
    /// <paramref name="settings"/>); Ann on node 0 and Bob on node 1 in the channel, Ann recording
    /// her recovery events; Bob has published m1–m3 and Ann has them. The caller disposes the cluster.
    /// </summary>
    private static async Task<(TestCluster Cluster, ThywillPage Ann, ThywillPage Bob)> InAChannelAsync(Func<Task<IBrowserContext>> newContext, string channel, params (string Key, string Value)[] settings)
    {
        var configured = new Dictionary<string, string?>(ClusterFixture.Settings)
        {
            [Rule + "Pattern"] = channel[..(channel.IndexOf(':', StringComparison.Ordinal) + 1)] + "*",
            [Rule + "Join"] = "true",
            [Rule + "Publish"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            configured[key] = value;
        }

        var cluster = await TestCluster.StartAsync(2, configured);
        try
        {
            var ann = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", 0));
            var bob = await ThywillPage.OpenAsync(await newContext(), cluster.AppUrl("relay", 1));
            Assert.True((await ann.JoinAsync(channel)).GetProperty("ok").GetBoolean());
            Assert.True((await bob.JoinAsync(channel)).GetProperty("ok").GetBoolean());
            await ann.Page.EvaluateAsync("() => { window.__recoveries = []; thywill.on('recovery', e => window.__recoveries.push(e)); }");
            await PublishAsync(bob, 1, 3, channel);
            await ann.WaitForMessageAsync("m => m.data === 'm3'");
            return (cluster, ann, bob);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static async Task PublishAsync(ThywillPage publisher, int first, int last, string room = Room)
    {
        for (var i = first; i <= last; i++)
        {
            var result = await publisher.PublishAsync(room, "m" + i);
            Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        }
    }
}
