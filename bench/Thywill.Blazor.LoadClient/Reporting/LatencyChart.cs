using ScottPlot;

namespace Thywill.Blazor.LoadClient.Reporting;

/// <summary>The chart of broadcast latency (time until the last member has it) against client count.</summary>
public static class LatencyChart
{
    /// <summary>Draws one p50 and one p99 line per server and saves a PNG.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="series">Per server: client counts with p50 and p99 in milliseconds.</param>
    public static void Save(string path, IReadOnlyDictionary<string, IReadOnlyList<(int Clients, double P50Ms, double P99Ms)>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var (server, points) in series)
        {
            if (points.Count == 0)
            {
                continue;
            }

            var color = palette.GetColor(index++);
            var xs = points.Select(p => (double)p.Clients).ToArray();
            var p99 = plot.Add.Scatter(xs, points.Select(p => p.P99Ms).ToArray(), color);
            p99.LegendText = server + " p99";
            p99.LineWidth = 2;
            p99.MarkerSize = 8;
            var p50 = plot.Add.Scatter(xs, points.Select(p => p.P50Ms).ToArray(), color);
            p50.LegendText = server + " p50";
            p50.LinePattern = LinePattern.Dashed;
            p50.MarkerSize = 6;
        }

        plot.Title("Broadcast: time until the last client has the message");
        plot.XLabel("connected clients");
        plot.YLabel("milliseconds");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 600);
    }
}
