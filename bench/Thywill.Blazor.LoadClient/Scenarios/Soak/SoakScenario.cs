using System.Diagnostics;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// The soak: tabs of the relay and calculations applications come and go for a long time — connecting,
/// reloading, joining and leaving many distinct rooms, publishing, calling — while every delivery is
/// checked (0 lost, 0 repeated, in order, across reloads) and every call's answer too. The server's
/// heap after a full GC is read every minute. It is taken at the start after a warm-up of the same
/// churn whose tabs have gone and whose state the server's retention has expired, and at the end the
/// same way: if what clients leave is freed, the two are within 10 %.
/// </summary>
internal static class SoakScenario
{
    public static async Task RunAsync(BenchContext context, SoakOptions options)
    {
        var settings = options.ServerSettings();
        await using var server = await context.StartServerAsync(ServerKind.Thywill, "soak", settings);
        using var connection = context.Connect(server.Address);
        var result = await MeasureAsync(connection, server, options, context.Deadline);
        Report.Write(context.OutputFolder, "soak-" + Report.N(options.Duration.TotalMinutes, 1) + "min", result, Markdown(result));
    }

    /// <summary>Warm-up, settle, start heap, churn, settle, end heap.</summary>
    /// <param name="settings">The run's connection settings.</param>
    /// <param name="server">The server, started with <see cref="SoakOptions.ServerSettings"/> (its heap is read).</param>
    /// <param name="options">What to run.</param>
    /// <param name="cancellationToken">The run's deadline.</param>
    internal static async Task<SoakResult> MeasureAsync(ConnectionSettings settings, ServerProcess server, SoakOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(server);
        var tracker = new SoakTracker();
        var rooms = new SoakChannelPool(Guid.NewGuid().ToString("N")[..8], options.SharedRooms, options.RoomRotation, options.FreshRoomShare);
        var churn = new SoakChurn(settings, tracker, rooms, options);
        var heap = new List<HeapSample>();
        var clock = Stopwatch.StartNew();

        async Task<HeapSample?> SampleAsync(string phase, bool required)
        {
            ServerMetrics? metrics;
            try
            {
                metrics = await server.ReadMetricsAsync(settings.Http, forceGc: true, cancellationToken);
            }
            catch (Exception ex) when (!required && ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // One missed minute on a busy machine does not end a long run; the start and the end must be read.
                Console.WriteLine($"soak: the heap could not be read at {clock.Elapsed.TotalMinutes:0.0} min: {ex.Message}");
                return null;
            }

            var counts = tracker.Counts();
            var sample = new HeapSample(phase, Math.Round(clock.Elapsed.TotalMinutes, 2), metrics!.ManagedHeapBytes, metrics.RssBytes, metrics.Clients, churn.OpenTabs, counts.Published, counts.Received, counts.Calls, Report.LoadAverage());
            lock (heap)
            {
                heap.Add(sample);
            }

            Console.WriteLine($"soak: {sample.Minute,6:0.0} min {phase,-8} heap {Report.Mb(sample.HeapBytes),7} MB, {sample.OpenTabs} tabs, {counts.Published:N0} published, {counts.Failures} failures");
            return sample;
        }

        // A phase's work, with the heap read every interval while it runs.
        async Task PhaseAsync(string phase, Task work)
        {
            using var timer = new PeriodicTimer(options.HeapInterval);
            while (await Task.WhenAny(work, timer.WaitForNextTickAsync(cancellationToken).AsTask()) != work)
            {
                await SampleAsync(phase, required: false);
            }

            await work;
        }

        Console.WriteLine($"soak: {options.RelayTabs} relay + {options.RpcTabs} calculations tabs; warm-up {options.WarmUp}, churn {options.Duration}, settle {options.Settle}; about {options.Total.TotalMinutes:0} min");
        await PhaseAsync("warm-up", churn.RunAsync(options.WarmUp, cancellationToken));
        await PhaseAsync("settle", Task.Delay(options.Settle, cancellationToken));
        var start = (await SampleAsync("start", required: true))!;
        await PhaseAsync("churn", churn.RunAsync(options.Duration, cancellationToken));
        await PhaseAsync("settle", Task.Delay(options.Settle, cancellationToken));
        var end = (await SampleAsync("end", required: true))!;
        return new SoakResult(options, options.ServerSettings(), tracker.Counts(), rooms.Distinct, [.. heap], start.HeapBytes, end.HeapBytes, end.ServerClients);
    }

    internal static string Markdown(SoakResult r)
    {
        var o = r.Options;
        var c = r.Counts;
        var markdown = $"### Soak: {Minutes(o.Duration)} min of churn, {o.RelayTabs} relay + {o.RpcTabs} calculations tabs at a time\n\n"
            + $"Warm-up {Minutes(o.WarmUp)} min, then {Minutes(o.Settle)} min for the retention to pass before the start heap and again before the end heap. "
            + $"Each tab acts every {o.ActionInterval.TotalSeconds:0.##} s on average and lives {o.TabLifetime.TotalSeconds * 0.5:0}–{o.TabLifetime.TotalSeconds * 1.5:0} s; "
            + $"{o.ReloadShare:P0} of actions are reloads; relay tabs publish, or ({o.SwitchShare:P0}) leave or join a room: {o.SharedRooms} shared rooms, one renamed every "
            + $"{o.RoomRotation.TotalSeconds:0} s, and {o.FreshRoomShare:P0} of joins to a room of its own. Counts include the warm-up.\n\n";
        markdown += Report.Table(
            ["tabs", "reloads", "not resumed", "joins", "leaves", "distinct rooms", "publishes", "refused", "unanswered", "receipts", "lost", "repeated", "misdelivered", "not recovered", "calls", "answered right", "wrong / failed / unanswered", "other failures"],
            [[
                Count(c.Tabs), Count(c.Reloads), Count(c.NotResumed), Count(c.Joins), Count(c.Leaves), Count(r.DistinctRooms), Count(c.Published), Count(c.PublishRefused + c.ChannelRefused),
                Count(c.PublishUnanswered), Count(c.Received), Count(c.Lost), Count(c.Repeated), Count(c.Misdelivered + c.EpochChanged), Count(c.NotRecovered), Count(c.Calls), Count(c.CallsAnswered),
                $"{Count(c.CallsWrong)} / {Count(c.CallsRefused)} / {Count(c.CallsUnanswered)}", Count(c.ConnectFailures + c.InteropErrors + c.CircuitsLost + c.TabErrors),
            ]]);
        markdown += "\nThe server's managed heap after a full collection induced from outside (its `/metrics`):\n\n" + Report.Table(
            ["phase", "minute", "heap MB", "RSS MB", "server clients", "open tabs", "publishes so far", "receipts so far", "calls so far", "load average"],
            r.Heap.Select(h => (IReadOnlyList<string>)[h.Phase, Report.N(h.Minute, 1), Report.Mb(h.HeapBytes), Report.Mb(h.RssBytes), Count(h.ServerClients), Count(h.OpenTabs), Count(h.Published), Count(h.Received), Count(h.Calls), h.LoadAverage]));
        markdown += $"\n**Heap: start {Report.Mb(r.StartHeapBytes)} MB, end {Report.Mb(r.EndHeapBytes)} MB ({(r.Change >= 0 ? "+" : "")}{Report.N(100 * r.Change, 1)} %): "
            + (r.Flat ? "within" : "not within") + $" {o.FlatTolerance:P0} of the start.** Clients the server still counted at the end: {r.ServerClientsAtEnd}. "
            + $"Failures: {Count(c.Failures)}.\n\n"
            + "Not failures: receipts of publications made before the join took effect (" + Count(c.BeforeJoin) + "), in-order receipts after the member's leave ("
            + Count(c.LateAfterLeave) + ").\n\nServer configuration: " + string.Join(", ", r.ServerSettings.Select(s => $"`{s.Key}={s.Value}`")) + "\n";
        if (c.FirstFailures.Count > 0)
        {
            markdown += "\nFirst failures:\n\n" + string.Concat(c.FirstFailures.Select(f => "- " + f + "\n"));
        }

        return markdown;
    }

    private static string Minutes(TimeSpan value) => Report.N(value.TotalMinutes, 1);

    private static string Count(long value) => Report.N(value, 0);
}
