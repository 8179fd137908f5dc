namespace Thywill.Blazor.Host.Dashboard;

/// <summary>What the node did in one sampling interval, and how it stood at its end.</summary>
/// <param name="At">The end of the interval.</param>
/// <param name="PublicationsPerSecond">Publications to channels, per second over the interval.</param>
/// <param name="DeliveriesPerSecond">Messages delivered to browsers, per second.</param>
/// <param name="RefusalsPerSecond">Browser operations refused, per second.</param>
/// <param name="RecoveriesPerSecond">Channel recoveries (reconnects, reloads), per second.</param>
/// <param name="Totals">The counters since the node started.</param>
/// <param name="Clients">Clients connected to the node.</param>
/// <param name="Channels">Channels (besides each client's own) the engine keeps.</param>
/// <param name="CpuPercent">The process's CPU over the interval, as a share of all cores.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="HeapBytes">The managed heap.</param>
/// <param name="Collections">Garbage collections so far, generation 0, 1 and 2.</param>
public sealed record NodeSample(
    DateTimeOffset At,
    double PublicationsPerSecond,
    double DeliveriesPerSecond,
    double RefusalsPerSecond,
    double RecoveriesPerSecond,
    NodeTotals Totals,
    int Clients,
    long Channels,
    double CpuPercent,
    long WorkingSetBytes,
    long HeapBytes,
    (int Gen0, int Gen1, int Gen2) Collections);
