using System.Text.Json;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using Xunit.Abstractions;

namespace Thywill.Blazor.E2E.Channels;

/// <summary>
/// No loss, no duplicates, no reordering: while client A is cut off, B publishes 50 messages; A comes
/// back (same circuit, a reload, a restarted host with the archive) and has exactly those 50, in order.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RecoveryTests(BrowserFixture browser, ITestOutputHelper output) : ThywillBrowserTest(browser)
{
    private const int Count = 50;

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>(RelayHostFixture.Settings)
    {
        ["Thywill:Applications:relay:Channels:2:Pattern"] = "tiny:*",
        ["Thywill:Applications:relay:Channels:2:Join"] = "true",
        ["Thywill:Applications:relay:Channels:2:Publish"] = "true",
        ["Thywill:Applications:relay:Channels:2:HistorySize"] = "10",

        // These tests publish Count messages back to back, more than the default burst of 40: the
        // budget is not what they test (FloodTests does that).
        ["Thywill:RateLimits:Publish:Burst"] = "1000",
    };

    [Fact]
    public Task DroppedConnection_ComesBack_WithEveryMessageOnce_InOrder() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(Settings);
        var (a, b) = await TwoMembersAsync(host, newContext, "room:drop");

        await a.CutOffAsync(host);
        await PublishAsync(b, "room:drop");
        await a.RestoreAsync();

        await AssertReceivedExactlyAsync(a, "room:drop", firstOffset: 1);
    });

    [Fact]
    public Task Reload_ComesBack_WithEveryMessageOnce_InOrder() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(Settings);
        var (a, b) = await TwoMembersAsync(host, newContext, "room:reload");
        Assert.True((await b.PublishAsync("room:reload", "before")).GetProperty("ok").GetBoolean());
        await a.WaitForMessageAsync("m => m.data === 'before'");

        await a.CutOffAsync(host);
        await PublishAsync(b, "room:reload");
        await a.Page.Context.UnrouteAsync("**/_blazor/negotiate**");
        await a.ReloadAsync();

        // After the reload the page starts empty: it must receive exactly what it missed.
        await AssertReceivedExactlyAsync(a, "room:reload", firstOffset: 2);
    });

    [Fact]
    public Task HostRestart_ArchivedChannel_ComesBack_WithEveryMessageOnce_InOrder() => RunAsync(async newContext =>
    {
        var host = await ThywillTestHost.StartAsync<Program>(Settings);
        try
        {
            var (a, b) = await TwoMembersAsync(host, newContext, "room:archived");
            await a.CutOffAsync(host);
            await PublishAsync(b, "room:archived");

            host = await host.RestartAsync();
            await a.Page.Context.UnrouteAsync("**/_blazor/negotiate**");
            var config = await a.ReloadAsync();

            Assert.True(config.GetProperty("resumed").GetBoolean());
            await AssertReceivedExactlyAsync(a, "room:archived", firstOffset: 1);
        }
        finally
        {
            await host.DisposeAsync();
        }
    });

    [Fact]
    public Task PastTheRetention_TheClientIsToldItWasNotRecovered() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(Settings);
        var (a, b) = await TwoMembersAsync(host, newContext, "tiny:x");

        await a.CutOffAsync(host);
        await PublishAsync(b, "tiny:x", 30);
        await a.Page.Context.UnrouteAsync("**/_blazor/negotiate**");
        await a.Page.AddInitScriptAsync("window.__recoveries = []; window.addEventListener('DOMContentLoaded', () => thywill.on('recovery', e => window.__recoveries.push(e)));");
        await a.ReloadAsync();

        await a.WaitForMessageAsync("m => m.data === 'm30'", 30_000);
        var recoveries = await a.Page.EvaluateAsync<JsonElement>("() => window.__recoveries.filter(e => e.channel === 'tiny:x')");
        Assert.Equal(1, recoveries.GetArrayLength());
        Assert.False(recoveries[0].GetProperty("recovered").GetBoolean());
        Assert.Equal(10, recoveries[0].GetProperty("delivered").GetInt32());
        var received = await a.ReceivedInAsync("tiny:x");
        Assert.Equal(Enumerable.Range(21, 10).Select(i => "m" + i), received.Select(m => m.Text));
    });

    [Fact]
    public Task Reload_ChannelJoinedWithHistory_TheNewPageRebuildsItsStateFromIt_ThenGoesLive() => RunAsync(async newContext =>
    {
        // A poll page: its counts are made from the channel's messages, history included.
        const string countVotes =
            """
            window.__votes = {};
            window.addEventListener('DOMContentLoaded', () => thywill.on('message', (m) => {
                if (m.channel === 'room:poll') { window.__votes[m.data] = (window.__votes[m.data] || 0) + 1; }
            }));
            """;
        await using var host = await ThywillTestHost.StartAsync<Program>(Settings);
        var voterContext = await newContext();
        await voterContext.AddInitScriptAsync(countVotes);
        var a = await ThywillPage.OpenAsync(voterContext, host.AppUrl("relay"));
        var b = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        Assert.True((await a.JoinAsync("room:poll", new { history = true })).GetProperty("ok").GetBoolean());
        Assert.True((await b.JoinAsync("room:poll")).GetProperty("ok").GetBoolean());
        foreach (var vote in new[] { "yes", "no", "yes" })
        {
            Assert.True((await b.PublishAsync("room:poll", vote)).GetProperty("ok").GetBoolean());
        }

        await a.Page.WaitForFunctionAsync("() => window.__votes.yes === 2 && window.__votes.no === 1");

        await a.ReloadAsync();
        Assert.True((await a.JoinAsync("room:poll", new { history = true })).GetProperty("ok").GetBoolean());
        await a.Page.WaitForFunctionAsync("() => window.__votes.yes === 2 && window.__votes.no === 1");
        Assert.True((await b.PublishAsync("room:poll", "no")).GetProperty("ok").GetBoolean());
        await a.WaitForMessageAsync("m => m.channel === 'room:poll' && m.offset === 4");

        Assert.Equal("{\"yes\":2,\"no\":2}", await a.Page.EvaluateAsync<string>("() => JSON.stringify(window.__votes)"));
        Assert.Equal([1L, 2, 3, 4], (await a.ReceivedInAsync("room:poll")).Select(m => m.Offset));
    });

    private static async Task<(ThywillPage A, ThywillPage B)> TwoMembersAsync(ThywillTestHost host, Func<Task<IBrowserContext>> newContext, string channel)
    {
        var a = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        var b = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        Assert.True((await a.JoinAsync(channel)).GetProperty("ok").GetBoolean());
        Assert.True((await b.JoinAsync(channel)).GetProperty("ok").GetBoolean());
        return (a, b);
    }

    private static async Task PublishAsync(ThywillPage publisher, string channel, int count = Count)
    {
        for (var i = 1; i <= count; i++)
        {
            var result = await publisher.PublishAsync(channel, "m" + i);
            Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        }
    }

    private async Task AssertReceivedExactlyAsync(ThywillPage page, string channel, long firstOffset)
    {
        await page.WaitForMessageAsync($"m => m.channel === '{channel}' && m.data === 'm{Count}'", 30_000);
        var received = (await page.ReceivedInAsync(channel)).Where(m => m.Text.StartsWith('m')).ToArray();
        var texts = received.Select(m => m.Text).ToArray();
        var duplicates = texts.Length - texts.Distinct().Count();
        var outOfOrder = received.Zip(received.Skip(1)).Count(p => p.Second.Offset <= p.First.Offset);
        output.WriteLine($"{channel}: sent {Count}, received {texts.Length}, duplicates {duplicates}, out of order {outOfOrder}");

        Assert.Equal(Enumerable.Range(1, Count).Select(i => "m" + i), texts);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => firstOffset + i), received.Select(m => m.Offset));
    }
}
