namespace Thywill.Blazor.LoadClient.Reporting;

/// <summary>Percentiles over sorted samples (nearest rank).</summary>
public static class Stats
{
    /// <summary>The nearest-rank percentile of ascending samples, rounded to 0.001; 0 when empty.</summary>
    /// <param name="sorted">Samples in ascending order.</param>
    /// <param name="percentile">0–100.</param>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 3);
    }

    /// <summary>Count, p50, p95, p99, max and mean of some samples (in any order; they are not changed).</summary>
    /// <param name="samples">The samples, milliseconds for latencies.</param>
    public static LatencySummary Summarise(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1], sorted.Average());
    }
}

/// <summary>A distribution of samples, as the tables show it.</summary>
/// <param name="Count">How many samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">The largest.</param>
/// <param name="Mean">The mean.</param>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean);
