using System.Diagnostics;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Host.Operators;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Operator-only endpoints for measuring the node from the same machine (the benchmarks use them).
/// Mapped only when <c>Thywill:Operator:Enabled</c> is on, and answered only to a signed-in operator
/// or a peer in <c>Thywill:Operator:MetricsNetworks</c> (404 to anyone else): a forced garbage
/// collection on demand is not something a stranger may trigger. Loopback alone is not trusted,
/// since a reverse proxy on the same machine makes every request loopback.
/// </summary>
internal static class OperatorEndpoints
{
    public const string EnabledKey = "Thywill:Operator:Enabled";

    public const string MetricsPath = "/operator/metrics";

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(EnabledKey))
        {
            return app;
        }

        app.MapGet(MetricsPath, Metrics).ExcludeFromDescription();
        return app;
    }

    // ?gc=false reads the counters without collecting first (for allocation deltas under load).
    private static async Task<IResult> Metrics(HttpContext context, IClientDirectory clients, IOptionsMonitor<OperatorOptions> operators, bool? gc)
    {
        if (!await OperatorAccess.IsOperatorOrPeerInAsync(context, OperatorOptions.Section + ":" + nameof(OperatorOptions.MetricsNetworks), operators.CurrentValue.MetricsNetworks))
        {
            return Results.NotFound();
        }

        if (gc ?? true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        return Results.Json(new
        {
            clients = clients.Count,
            managedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            rssBytes = process.WorkingSet64,
            cpuSeconds = process.TotalProcessorTime.TotalSeconds,
            threads = process.Threads.Count,
            gen0Collections = GC.CollectionCount(0),
            gen1Collections = GC.CollectionCount(1),
            gen2Collections = GC.CollectionCount(2),
            serverGc = System.Runtime.GCSettings.IsServerGC,
        });
    }
}
