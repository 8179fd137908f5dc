using System.Globalization;

namespace Thywill.Blazor.LoadClient.Servers;

/// <summary>
/// One scrape of a Prometheus text exposition (what the Host serves at <c>/metrics</c>), read for the
/// few series the benchmarks need. Comment lines are skipped; a sample is <c>name{labels} value [time]</c>.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusScrape()
    {
    }

    /// <summary>Reads an exposition.</summary>
    /// <param name="text">The scrape's body.</param>
    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrape = new PrometheusScrape();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Label values may hold spaces, so the name and labels end at the closing brace.
            var close = line.IndexOf('}', StringComparison.Ordinal);
            var nameEnd = close >= 0 ? line.IndexOf('{', StringComparison.Ordinal) : line.IndexOf(' ', StringComparison.Ordinal);
            if (nameEnd <= 0)
            {
                continue;
            }

            var name = line[..nameEnd];
            var labels = close >= 0 ? line[(nameEnd + 1)..close] : "";
            var rest = line[((close >= 0 ? close : nameEnd) + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.Length > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                scrape._samples.Add((name, labels, value));
            }
        }

        return scrape;
    }

    /// <summary>Whether any sample of the series is present.</summary>
    /// <param name="name">The series' name.</param>
    public bool Has(string name) => _samples.Exists(s => s.Name == name);

    /// <summary>
    /// The sum of a series over its samples whose labels include <paramref name="label"/> (for example
    /// <c>gc_heap_generation="gen2"</c>); over all of them when it is <see langword="null"/>. 0 when absent.
    /// </summary>
    /// <param name="name">The series' name.</param>
    /// <param name="label">One <c>key="value"</c> pair the sample must carry.</param>
    public double Sum(string name, string? label = null)
    {
        var sum = 0.0;
        foreach (var (sampleName, labels, value) in _samples)
        {
            if (sampleName == name && (label is null || HasLabel(labels, label)))
            {
                sum += value;
            }
        }

        return sum;
    }

    private static bool HasLabel(string labels, string label)
    {
        var at = labels.IndexOf(label, StringComparison.Ordinal);
        return at >= 0 && (at == 0 || labels[at - 1] == ',') && (at + label.Length == labels.Length || labels[at + label.Length] == ',');
    }
}
