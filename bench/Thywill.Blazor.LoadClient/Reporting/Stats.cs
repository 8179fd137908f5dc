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
}
