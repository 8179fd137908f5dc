using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Thywill.Blazor.LoadClient.Reporting;

/// <summary>Writes a scenario's result as JSON (everything) and Markdown (the table people read).</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <c>{name}.json</c> and <c>{name}.md</c> into <paramref name="folder"/>.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="name">The file name without extension.</param>
    /// <param name="result">The full result.</param>
    /// <param name="markdown">The Markdown summary.</param>
    public static void Write(string folder, string name, object result, string markdown)
    {
        Directory.CreateDirectory(folder);

        // The machine is shared: how busy it was belongs next to every number.
        markdown += $"\nLoad average when written (1, 5, 15 min): {LoadAverage()}; {Environment.ProcessorCount} cores.\n";
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(new { result, loadAverage = LoadAverage(), cores = Environment.ProcessorCount }, Indented));
        File.WriteAllText(Path.Combine(folder, name + ".md"), markdown);
        Console.WriteLine(markdown);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A Markdown table.</summary>
    /// <param name="headers">Column headers.</param>
    /// <param name="rows">Cells, already formatted.</param>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>A number for a table: invariant culture, at most <paramref name="decimals"/> places.</summary>
    /// <param name="value">The value.</param>
    /// <param name="decimals">Decimal places.</param>
    public static string N(double value, int decimals = 1) =>
        Math.Round(value, decimals).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);

    /// <summary>Bytes as KB.</summary>
    /// <param name="bytes">The bytes.</param>
    public static string Kb(double bytes) => N(bytes / 1024, 1);

    /// <summary>Bytes as MB.</summary>
    /// <param name="bytes">The bytes.</param>
    public static string Mb(double bytes) => N(bytes / (1024 * 1024), 1);
}
