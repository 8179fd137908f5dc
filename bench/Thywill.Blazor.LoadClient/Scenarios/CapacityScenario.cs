using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// Ramps idle clients up to a count and holds them: connect rate, failures, and what each idle client
/// costs the server (managed heap after an induced full collection, from its <c>/metrics</c>; RSS from outside).
/// </summary>
internal static class CapacityScenario
{
    public static async Task RunAsync(BenchContext context, ServerKind kind, int clients, TimeSpan hold)
    {
        await using var server = await context.StartServerAsync(kind, "capacity");
        using var settings = context.Connect(server.Address);
        var before = await server.ReadMetricsAsync(settings.Http, forceGc: true, context.Deadline);
        var rssBefore = server.ReadProcess().RssBytes;
        var own = BenchContext.OwnMemory();

        await using var pool = new ClientPool(BenchContext.Clients(kind, settings, "echo", sink: null));
        var ramp = await pool.RampAsync(clients, context.Concurrency, context.Deadline);
        await Task.Delay(TimeSpan.FromSeconds(5), context.Deadline);
        var after = await server.ReadMetricsAsync(settings.Http, forceGc: true, context.Deadline);
        var rssAfter = server.ReadProcess().RssBytes;
        var ownAfter = BenchContext.OwnMemory();

        // Hold: every client must stay connected without doing anything but answering keep-alives.
        var holdEnd = DateTime.UtcNow + hold;
        var lowest = pool.Connected;
        while (DateTime.UtcNow < holdEnd)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.Deadline);
            lowest = Math.Min(lowest, pool.Connected);
        }

        var connectedAfterHold = pool.Connected;

        // Then every client leaves: what the server still holds afterwards is not per-client state.
        await pool.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(10), context.Deadline);
        var left = await server.ReadMetricsAsync(settings.Http, forceGc: true, context.Deadline);

        var connected = Math.Max(ramp.Connected, 1);
        var result = new
        {
            server = kind.ToString(),
            target = clients,
            ramp,
            holdSeconds = hold.TotalSeconds,
            stillConnectedAfterHold = connectedAfterHold,
            serverAfterAllLeft = left,
            lowestConnectedDuringHold = lowest,
            serverBefore = before,
            serverAfter = after,
            serverRssBeforeBytes = rssBefore,
            serverRssAfterBytes = rssAfter,
            managedHeapPerClientBytes = after is null || before is null ? (double?)null : (after.ManagedHeapBytes - before.ManagedHeapBytes) / (double)connected,
            rssPerClientBytes = (rssAfter - rssBefore) / (double)connected,
            loadClientHeapPerClientBytes = (ownAfter.HeapBytes - own.HeapBytes) / (double)connected,
            loadClientRssBytes = ownAfter.RssBytes,
        };

        var markdown = $"### Capacity: {kind}, {clients:N0} idle clients\n\n" + Report.Table(
            ["server", "target", "connected", "failed", "ramp s", "connects/s", "connect p50 ms", "connect p99 ms", "server heap/client KB", "server RSS/client KB", "server heap MB", "server RSS MB", "connected after hold", "server heap after all left MB", "load-client heap/client KB"],
            [[
                kind.ToString(), clients.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ramp.Connected.ToString(System.Globalization.CultureInfo.InvariantCulture), ramp.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Report.N(ramp.Seconds), Report.N(ramp.ConnectsPerSecond), Report.N(ramp.ConnectP50Ms), Report.N(ramp.ConnectP99Ms),
                result.managedHeapPerClientBytes is { } heap ? Report.Kb(heap) : "n/a", Report.Kb(result.rssPerClientBytes),
                after is null ? "n/a" : Report.Mb(after.ManagedHeapBytes), Report.Mb(rssAfter),
                $"{connectedAfterHold} (lowest {lowest}) over {hold.TotalSeconds:0} s", left is null ? "n/a" : Report.Mb(left.ManagedHeapBytes), Report.Kb(result.loadClientHeapPerClientBytes),
            ]]);
        if (ramp.FirstFailures.Count > 0)
        {
            markdown += "\nFirst failures: " + string.Join("; ", ramp.FirstFailures) + "\n";
        }

        Report.Write(context.OutputFolder, $"capacity-{kind.ToString().ToLowerInvariant()}-{clients}", result, markdown);
    }
}
