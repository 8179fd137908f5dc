using Thywill.Blazor.E2E.Channels;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>The host the fuzz suites attack: the sample Host with relay's rules and budgets out of the way.</summary>
internal static class FuzzHost
{
    /// <summary>The host's message limit (the default).</summary>
    public const int MaxMessageBytes = 65_536;

    /// <summary>
    /// Budgets high enough that every case reaches the checks behind them (rate limits are FloodTests'
    /// subject), and Blazor's own record of calls it could not dispatch or that threw, so that an
    /// exception escaping the framework's interop methods is seen.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>(RelayHostFixture.Settings)
    {
        ["Thywill:Messages:RateLimitPerSecond"] = "100000",
        ["Thywill:Messages:RateLimitBurst"] = "100000",
        ["Thywill:RateLimits:Publish:PerSecond"] = "100000",
        ["Thywill:RateLimits:Publish:Burst"] = "100000",
        ["Thywill:RateLimits:Join:PerSecond"] = "100000",
        ["Thywill:RateLimits:Join:Burst"] = "100000",
        ["Thywill:RateLimits:Call:PerSecond"] = "100000",
        ["Thywill:RateLimits:Call:Burst"] = "100000",
        ["Thywill:RateLimits:Bytes:PerSecond"] = "1000000000",
        ["Thywill:RateLimits:Bytes:Burst"] = "1000000000",

        // The attach suite loads a page per case from one address.
        ["Host:PerAddress:BootstrapsPerSecond"] = "1000",
        ["Host:PerAddress:BootstrapBurst"] = "1000",
        ["Serilog:MinimumLevel:Override:" + JsRuntimeCategory] = "Debug",
    };

    /// <summary>Where Blazor logs a JS-invokable call it turned away or that threw.</summary>
    public const string JsRuntimeCategory = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteJSRuntime";

    /// <summary>Log entries (a line, and the lines of its exception) that mean something went wrong on the server, not a refusal.</summary>
    public static IEnumerable<string> Troubles(string log) =>
        Entries(log).Where(e => e.StartsWith("[ERR]", StringComparison.Ordinal) || e.StartsWith("[CRT]", StringComparison.Ordinal)
            || (e.Contains(JsRuntimeCategory, StringComparison.Ordinal) && e.Contains("error invoking", StringComparison.Ordinal))
            || e.Contains("Exception", StringComparison.Ordinal));

    // Each entry starts "[LVL] "; its exception's lines follow it.
    private static IEnumerable<string> Entries(string log)
    {
        var entry = new System.Text.StringBuilder();
        foreach (var line in log.Split('\n'))
        {
            if (line.Length > 5 && line[0] == '[' && line[4] == ']' && entry.Length > 0)
            {
                yield return entry.ToString();
                entry.Clear();
            }

            entry.Append(entry.Length > 0 ? " | " : "").Append(line);
        }

        if (entry.Length > 0)
        {
            yield return entry.ToString();
        }
    }
}
