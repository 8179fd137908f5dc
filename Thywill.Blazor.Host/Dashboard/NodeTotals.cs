namespace Thywill.Blazor.Host.Dashboard;

/// <summary>Counters since the node started, as its meter counted them.</summary>
/// <param name="Publications">Publications.</param>
/// <param name="Deliveries">Deliveries.</param>
/// <param name="Refusals">Refusals.</param>
/// <param name="Recoveries">Recoveries.</param>
/// <param name="Unrecovered">Recoveries whose history no longer covered the gap.</param>
public sealed record NodeTotals(long Publications, long Deliveries, long Refusals, long Recoveries, long Unrecovered);
