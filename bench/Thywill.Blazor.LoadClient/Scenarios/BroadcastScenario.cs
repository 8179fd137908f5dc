using System.Diagnostics;
using System.Globalization;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// Fan-out: a driver client asks the server to broadcast to every client (Thywill's
/// <c>IThywillPush.BroadcastAsync</c> in the bench-broadcast application, or a baseline's loop). For
/// each client count: the time from the driver's send until the last member has the message, over
/// sequential broadcasts; then the sustained delivered messages per second with a window of bursts.
/// </summary>
internal static class BroadcastScenario
{
    /// <summary>
    /// What to run. <c>Nodes</c> is the nodes per server: with more than one, Thywill runs on the Redis engine (and a shared
    /// PostgreSQL database, <c>THYWILL_TEST_POSTGRES</c>) and SignalR with its Redis backplane, one
    /// throwaway <c>redis-server</c> each; the clients are spread over the nodes in turn and the
    /// driver is on the first. The naive baseline always runs on one.
    /// </summary>
    public sealed record Options(IReadOnlyList<ServerKind> Servers, IReadOnlyList<int> ClientCounts, int Broadcasts, TimeSpan Throughput, int Burst, int Window, int Pad, int Nodes = 1);

    public static async Task RunAsync(BenchContext context, Options options)
    {
        var rows = new List<Row>();
        foreach (var kind in options.Servers)
        {
            rows.AddRange(await RunServerAsync(context, kind, options));
        }

        var chart = Path.Combine(context.OutputFolder, "broadcast-latency.png");
        LatencyChart.Save(chart, rows.GroupBy(r => r.Server).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<(int, double, double)>)g.Where(r => r.Completed > 0).Select(r => (r.Members, r.LastP50Ms, r.LastP99Ms)).ToList()));

        var markdown = "### Broadcast fan-out\n\n" + Report.Table(
            ["server", "clients", "broadcasts", "timed out", "last member p50 ms", "last member p99 ms", "any member p50 ms", "any member p99 ms", "server CPU ms/broadcast", "load-client CPU ms/broadcast", "delivered msgs/s", "repeats", "server CPU %", "load-client CPU %", "server alloc B/msg", "server RSS MB", "Redis ops sent/broadcast", "Redis cmds run/broadcast"],
            rows.Select(r => (IReadOnlyList<string>)[
                r.Server, r.Members.ToString("N0", CultureInfo.InvariantCulture), r.Completed.ToString(CultureInfo.InvariantCulture), r.TimedOut.ToString(CultureInfo.InvariantCulture),
                Report.N(r.LastP50Ms), Report.N(r.LastP99Ms), Report.N(r.MemberP50Ms), Report.N(r.MemberP99Ms),
                Report.N(r.ServerCpuMsPerBroadcast), Report.N(r.LoadClientCpuMsPerBroadcast),
                Report.N(r.DeliveredPerSecond, 0), r.Repeats.ToString(CultureInfo.InvariantCulture), Report.N(r.ServerCpuPercent, 0), Report.N(r.LoadClientCpuPercent, 0),
                r.ServerAllocatedBytesPerMessage is { } a ? Report.N(a, 0) : "n/a", Report.Mb(r.ServerRssBytes),
                r.RedisSentPerBroadcast is { } sent ? Report.N(sent, 1) : "n/a",
                r.RedisCommandsPerBroadcast is { } c ? Report.N(c, 1) : "n/a",
            ]));
        markdown += Ratios(rows);
        markdown += "\n![broadcast latency](broadcast-latency.png)\n";
        Report.Write(context.OutputFolder, "broadcast", new { options, rows }, markdown);
    }

    private static async Task<List<Row>> RunServerAsync(BenchContext context, ServerKind kind, Options options)
    {
        var rows = new List<Row>();
        var nodes = kind == ServerKind.Naive ? 1 : Math.Max(1, options.Nodes);
        await using var cluster = await BenchCluster.StartAsync(context, kind, nodes, "broadcast");
        var settings = cluster.Settings[0];
        var tracker = new BroadcastTracker();
        var factories = cluster.Settings.Select(s => BenchContext.Clients(kind, s, "bench-broadcast", tracker)).ToArray();
        Func<int, ILoadClient> clients = index => factories[index % factories.Length](index);
        await using var driverPool = new ClientPool(clients);
        var driverRamp = await driverPool.RampAsync(1, 1, context.Deadline);
        if (driverRamp.Connected == 0)
        {
            throw new InvalidOperationException($"The {kind} driver did not connect: " + string.Join("; ", driverRamp.FirstFailures));
        }

        var driver = driverPool.Clients[0];
        await using var pool = new ClientPool(index => clients(index + 1));
        long seq = 1;
        foreach (var count in options.ClientCounts)
        {
            var ramp = await pool.RampAsync(count, context.Concurrency, context.Deadline);
            Console.WriteLine($"{kind}: {pool.Connected} clients connected ({ramp.Failed} failed, {ramp.ConnectsPerSecond:0}/s)");
            await Task.Delay(TimeSpan.FromSeconds(3), context.Deadline);
            var members = pool.Connected + 1;
            var repeatsBefore = pool.Clients.Sum(c => c.Repeats);

            // Warm-up, then the measured broadcasts, one at a time.
            for (var i = 0; i < 5; i++)
            {
                await BroadcastAsync(driver, tracker, seq++, members, options.Pad, keepTimes: false, context.Deadline);
            }

            var lasts = new List<double>();
            var everyone = new List<double>();
            var timedOut = 0;

            // Which side a broadcast's time goes to: the server's CPU and this load client's, both on this machine.
            var serverCpuBefore = cluster.CpuSeconds;
            var ownCpuBefore = Environment.CpuUsage.TotalTime.TotalSeconds;
            var redisBefore = await cluster.RedisCommandsAsync();
            var sentBefore = await cluster.RedisOperationsSentAsync(settings.Http, context.Deadline);
            for (var i = 0; i < options.Broadcasts; i++)
            {
                var round = await BroadcastAsync(driver, tracker, seq++, members, options.Pad, keepTimes: true, context.Deadline);
                if (round.AllReceived.IsCompletedSuccessfully)
                {
                    lasts.Add(Stopwatch.GetElapsedTime(round.SentAt, round.LastAt).TotalMilliseconds);
                    everyone.AddRange(round.MemberLatenciesMs());
                }
                else
                {
                    timedOut++;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), context.Deadline);
            }

            var serverCpuMs = 1000 * (cluster.CpuSeconds - serverCpuBefore) / Math.Max(1, options.Broadcasts);
            var redisPerBroadcast = redisBefore is { } before ? (await cluster.RedisCommandsAsync() - before) / (double)Math.Max(1, options.Broadcasts) : (double?)null;
            var sentPerBroadcast = sentBefore is { } sent ? (await cluster.RedisOperationsSentAsync(settings.Http, context.Deadline) - sent) / (double)Math.Max(1, options.Broadcasts) : (double?)null;
            var ownCpuMs = 1000 * (Environment.CpuUsage.TotalTime.TotalSeconds - ownCpuBefore) / Math.Max(1, options.Broadcasts);
            var throughput = await MeasureThroughputAsync(context, cluster, settings, driver, tracker, members, options, () => seq, s => seq = s);
            lasts.Sort();
            everyone.Sort();
            rows.Add(new Row(
                nodes > 1 ? $"{kind} ×{nodes} (Redis)" : kind.ToString(), members, lasts.Count, timedOut,
                Stats.Percentile(lasts, 50), Stats.Percentile(lasts, 99), Stats.Percentile(everyone, 50), Stats.Percentile(everyone, 99),
                serverCpuMs, ownCpuMs,
                throughput.DeliveredPerSecond, throughput.Delivered, throughput.Expected, pool.Clients.Sum(c => c.Repeats) - repeatsBefore,
                throughput.CpuPercent, throughput.LoadClientCpuPercent, throughput.AllocatedPerMessage, cluster.RssBytes, ramp, redisPerBroadcast, sentPerBroadcast));
        }

        return rows;
    }

    private static async Task<BroadcastTracker.Round> BroadcastAsync(ILoadClient driver, BroadcastTracker tracker, long seq, int members, int pad, bool keepTimes, CancellationToken cancellationToken)
    {
        var round = tracker.Expect(seq, members, keepTimes);
        round.SentAt = Stopwatch.GetTimestamp();
        var outcome = await driver.SendAsync(Request(seq, 1, pad), cancellationToken);
        if (outcome.Ok)
        {
            await round.AllReceived.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        tracker.Forget(seq);
        return round;
    }

    // A window of bursts in flight: a new burst goes out when the oldest has reached every member.
    private static async Task<Throughput> MeasureThroughputAsync(BenchContext context, BenchCluster cluster, ConnectionSettings settings, ILoadClient driver, BroadcastTracker tracker, int members, Options options, Func<long> nextSeq, Action<long> setSeq)
    {
        // Allocations are read from one node's metrics: only when there is one.
        var server = cluster.Servers[0];
        var single = cluster.Servers.Count == 1;
        var before = single ? await server.ReadMetricsAsync(settings.Http, forceGc: false, context.Deadline) : null;
        var cpuBefore = cluster.CpuSeconds;
        var ownCpuBefore = Environment.CpuUsage.TotalTime.TotalSeconds;
        var receivedBefore = tracker.Total;
        var seq = nextSeq();
        var window = new Queue<BroadcastTracker.Round[]>();
        var clock = Stopwatch.StartNew();
        var expected = 0L;
        var stalled = false;
        while (clock.Elapsed < options.Throughput && !stalled)
        {
            while (window.Count >= options.Window)
            {
                var oldest = window.Dequeue();
                stalled |= !await AllAsync(oldest, context.Deadline);
            }

            var burst = new BroadcastTracker.Round[options.Burst];
            for (var i = 0; i < burst.Length; i++)
            {
                burst[i] = tracker.Expect(seq + i, members, keepTimes: false);
            }

            var outcome = await driver.SendAsync(Request(seq, options.Burst, options.Pad), context.Deadline);
            if (!outcome.Ok)
            {
                throw new InvalidOperationException($"The driver's broadcast was refused: {outcome.Code} {outcome.Message}");
            }

            seq += options.Burst;
            expected += (long)options.Burst * members;
            window.Enqueue(burst);
        }

        while (window.Count > 0)
        {
            stalled |= !await AllAsync(window.Dequeue(), context.Deadline);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var delivered = tracker.Total - receivedBefore;
        for (var s = nextSeq(); s < seq; s++)
        {
            tracker.Forget(s);
        }

        setSeq(seq);
        var after = single ? await server.ReadMetricsAsync(settings.Http, forceGc: false, context.Deadline) : null;
        var cpu = cluster.CpuSeconds - cpuBefore;
        var ownCpu = Environment.CpuUsage.TotalTime.TotalSeconds - ownCpuBefore;
        return new Throughput(
            delivered / seconds,
            delivered,
            expected,
            100 * cpu / seconds,
            100 * ownCpu / seconds,
            before is null || after is null || delivered == 0 ? null : (after.AllocatedBytes - before.AllocatedBytes) / (double)delivered);
    }

    private static async Task<bool> AllAsync(BroadcastTracker.Round[] burst, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(burst.Select(r => r.AllReceived));
        await all.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return all.IsCompletedSuccessfully;
    }

    private static string Request(long seq, int count, int pad) =>
        $$"""{"seq":{{seq.ToString(CultureInfo.InvariantCulture)}},"count":{{count.ToString(CultureInfo.InvariantCulture)}},"pad":{{pad.ToString(CultureInfo.InvariantCulture)}}}""";

    private static string Ratios(List<Row> rows)
    {
        var lines = new List<string>();
        foreach (var thywill in rows.Where(r => r.Server.StartsWith(nameof(ServerKind.Thywill), StringComparison.Ordinal)))
        {
            foreach (var baseline in rows.Where(r => r != thywill && r.Members == thywill.Members && r.DeliveredPerSecond > 0))
            {
                lines.Add($"- {thywill.Members:N0} clients: Thywill delivered {Report.N(thywill.DeliveredPerSecond / baseline.DeliveredPerSecond, 2)}× the msgs/s of {baseline.Server}; last-member p99 {Report.N(thywill.LastP99Ms)} ms vs {Report.N(baseline.LastP99Ms)} ms.");
            }
        }

        return lines.Count == 0 ? "" : "\nRatios (same run):\n\n" + string.Join("\n", lines) + "\n";
    }

    private sealed record Throughput(double DeliveredPerSecond, long Delivered, long Expected, double CpuPercent, double LoadClientCpuPercent, double? AllocatedPerMessage);

    private sealed record Row(
        string Server, int Members, int Completed, int TimedOut,
        double LastP50Ms, double LastP99Ms, double MemberP50Ms, double MemberP99Ms,
        double ServerCpuMsPerBroadcast, double LoadClientCpuMsPerBroadcast,
        double DeliveredPerSecond, long Delivered, long ExpectedDeliveries, long Repeats,
        double ServerCpuPercent, double LoadClientCpuPercent, double? ServerAllocatedBytesPerMessage, long ServerRssBytes, RampResult Ramp, double? RedisCommandsPerBroadcast, double? RedisSentPerBroadcast);
}
