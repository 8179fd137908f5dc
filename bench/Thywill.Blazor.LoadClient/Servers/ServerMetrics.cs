namespace Thywill.Blazor.LoadClient.Servers;

/// <summary>
/// What the benchmarks read of a Thywill node: its Prometheus scrape (<c>/metrics</c>) for the
/// clients and the runtime's heap and allocation counters, the process itself for memory and CPU.
/// </summary>
/// <param name="Clients">Connected clients (<c>thywill.clients.connected</c>, all applications).</param>
/// <param name="ManagedHeapBytes">Live managed bytes after the last collection (heap size less fragmentation).</param>
/// <param name="AllocatedBytes">Bytes allocated since the process started (<c>dotnet.gc.heap.total_allocated</c>).</param>
/// <param name="RssBytes">The process's working set, read from outside.</param>
/// <param name="CpuSeconds">The process's CPU time, read from outside.</param>
/// <param name="Gen2Collections">Full collections so far (<c>dotnet.gc.collections</c>, gen2).</param>
public sealed record ServerMetrics(
    int Clients,
    long ManagedHeapBytes,
    long AllocatedBytes,
    long RssBytes,
    double CpuSeconds,
    long Gen2Collections);
