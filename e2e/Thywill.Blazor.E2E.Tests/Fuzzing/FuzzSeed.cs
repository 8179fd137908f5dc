using System.Globalization;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// The seed of the random fuzz cases: a fixed one by default, so that a run is repeatable and CI sees
/// the same cases each time; <c>THYWILL_FUZZ_SEED</c> sets another (to re-run a failure), and
/// <c>THYWILL_FUZZ_SEED=random</c> draws a new one (to explore). Every failure message names it.
/// </summary>
internal static class FuzzSeed
{
    public const string Variable = "THYWILL_FUZZ_SEED";

    private const int DefaultSeed = 20_261_203;

    public static int Current { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        "random" => Random.Shared.Next(),
        var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) => seed,
        _ => DefaultSeed,
    };

    /// <summary>Appends a line to the file named by <c>THYWILL_FUZZ_TRACE</c>, when set: every case and its outcome.</summary>
    public static void Trace(string line)
    {
        if (Environment.GetEnvironmentVariable(TraceVariable) is { Length: > 0 } path)
        {
            File.AppendAllText(path, line.Replace("\n", " ", StringComparison.Ordinal) + "\n");
        }
    }

    public const string TraceVariable = "THYWILL_FUZZ_TRACE";

    public static string Describe() => $"seed {Current} (re-run with {Variable}={Current})";
}
