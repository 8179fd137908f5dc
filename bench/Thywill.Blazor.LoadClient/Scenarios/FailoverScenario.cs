using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// Failover, repeated (issue 11): two nodes on Redis behind nginx; a reader page in real Chromium on
/// relay, reached through nginx, and a publisher page on each node. Each round the publisher on the
/// other node publishes, the reader's node is killed (kill -9) and more is published while it is
/// gone; the reader comes back through nginx on the surviving node by itself; the killed node is
/// started again. At the end every message published is compared with what the reader got: lost over
/// all its page loads, repeated and out of order within each (a reloaded page is given the channel's
/// history again, by design, so one load repeating the last is not a repeat) (target: 0, 0, 0).
/// </summary>
internal static class FailoverScenario
{
    /// <summary>The scenario's settings.</summary>
    /// <param name="Kills">How many rounds (kills).</param>
    /// <param name="Before">Messages published in a round before the kill.</param>
    /// <param name="During">Messages published while the reader's node is down.</param>
    /// <param name="Chromium">The browser.</param>
    public sealed record Options(int Kills, int Before, int During, string Chromium);

    private const string Room = "room:failover";

    public static async Task RunAsync(BenchContext context, Options options)
    {
        var cancellationToken = context.Deadline;
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["Thywill:Channels:PresenceGracePeriod"] = "00:00:01",
            ["Thywill:RateLimits:Publish:Burst"] = "1000",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var (reader, readerNode) = await cluster.OpenAsync(await browser.NewContextAsync(), "relay");
        await Joined(reader);
        var publishers = new ThywillPage?[2];
        var published = new List<string>();
        var failedPublishes = 0;
        var loads = new List<IReadOnlyList<(long Offset, string Text)>>();
        var rounds = new List<Round>();
        var sequence = 0;

        for (var round = 1; round <= options.Kills; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var doomed = readerNode();
            var survivor = 1 - doomed;
            var publisher = publishers[survivor] ??= await Joined(await ThywillPage.OpenAsync(await browser.NewContextAsync(), cluster.AppUrl("relay", survivor)));

            failedPublishes += await PublishAsync(publisher, options.Before, published, () => ++sequence);
            await WaitForAsync(reader, published[^1], TimeSpan.FromSeconds(30), cancellationToken);

            // Everything this page load got: nothing more arrives before the kill.
            loads.Add(await reader.ReceivedInAsync(Room));
            var killedAt = Stopwatch.GetTimestamp();
            await cluster.Nodes[doomed].KillAsync();
            publishers[doomed] = null;
            failedPublishes += await PublishAsync(publisher, options.During, published, () => ++sequence);

            var back = await WaitForAsync(reader, published[^1], TimeSpan.FromSeconds(60), cancellationToken);
            var recovered = Stopwatch.GetElapsedTime(killedAt);
            rounds.Add(new Round(round, doomed, readerNode(), back, recovered.TotalMilliseconds));
            Console.WriteLine($"round {round}: killed node {doomed}, reader back on node {readerNode()} in {recovered.TotalSeconds:0.0} s: {(back ? "ok" : "NOT BACK")}");
            if (!back)
            {
                break;
            }

            await cluster.Nodes[doomed].StartAgainAsync();
        }

        loads.Add(await reader.ReceivedInAsync(Room));
        var got = loads.SelectMany(l => l.Select(m => m.Text)).ToHashSet(StringComparer.Ordinal);
        var lost = published.Count(p => !got.Contains(p));
        var repeated = loads.Sum(l => l.Count - l.Select(m => m.Text).Distinct(StringComparer.Ordinal).Count());
        var reordered = loads.Sum(l => l.Zip(l.Skip(1)).Count(p => Number(p.Second.Text) < Number(p.First.Text)));
        var result = new
        {
            options,
            kills = rounds.Count,
            recoveredRounds = rounds.Count(r => r.Back),
            published = published.Count,
            failedPublishes,
            received = got.Count,
            pageLoads = loads.Count,
            lost,
            repeated,
            reordered,
            recoverMsP50 = Stats.Percentile(rounds.Select(r => r.RecoveredMs).Order().ToList(), 50),
            recoverMsMax = rounds.Count > 0 ? rounds.Max(r => r.RecoveredMs) : 0,
            rounds,
        };
        var markdown = "### Failover: kill -9 of the reader's node, repeated\n\n" + Report.Table(
            ["kills", "reader back", "published", "refused", "received", "lost", "repeated", "reordered", "kill → all received p50 s", "max s"],
            [[
                rounds.Count.ToString(CultureInfo.InvariantCulture), rounds.Count(r => r.Back).ToString(CultureInfo.InvariantCulture),
                published.Count.ToString(CultureInfo.InvariantCulture), failedPublishes.ToString(CultureInfo.InvariantCulture), got.Count.ToString(CultureInfo.InvariantCulture),
                lost.ToString(CultureInfo.InvariantCulture), repeated.ToString(CultureInfo.InvariantCulture), reordered.ToString(CultureInfo.InvariantCulture),
                Report.N(result.recoverMsP50 / 1000), Report.N(result.recoverMsMax / 1000),
            ]]);
        Report.Write(context.OutputFolder, "failover", result, markdown);
        Console.WriteLine(markdown);
    }

    private static async Task<ThywillPage> Joined(ThywillPage page)
    {
        var joined = await page.JoinAsync(Room);
        if (!joined.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException("Could not join " + Room + ": " + joined);
        }

        return page;
    }

    // Publishes count messages numbered in order; returns how many were refused.
    private static async Task<int> PublishAsync(ThywillPage publisher, int count, List<string> published, Func<int> next)
    {
        var refused = 0;
        for (var i = 0; i < count; i++)
        {
            var text = "m" + next().ToString(CultureInfo.InvariantCulture);
            var result = await publisher.PublishAsync(Room, text);
            if (result.GetProperty("ok").GetBoolean())
            {
                published.Add(text);
            }
            else
            {
                refused++;
            }
        }

        return refused;
    }

    // Waits until the reader's current page load has the message (a reload starts a new list).
    private static async Task<bool> WaitForAsync(ThywillPage reader, string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await reader.Page.EvaluateAsync<bool>("t => !!(window.__received && window.__received.some(m => m.data === t))", text))
                {
                    return true;
                }
            }
            catch (PlaywrightException)
            {
                // The page is reloading.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private static int Number(string text) => int.Parse(text.AsSpan(1), CultureInfo.InvariantCulture);

    private sealed record Round(int Number, int Killed, int BackOn, bool Back, double RecoveredMs);
}
