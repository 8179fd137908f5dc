using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Logging;

/// <summary>
/// Writes forwarded browser errors into the server log under the <c>Thywill.Browser</c> category,
/// with the client's identity as structured properties. Rate-limited per circuit (<see cref="BrowserErrorReporter"/>) so a looping error in a
/// page cannot flood the log, and every field the browser supplied is cut to length and has its
/// control characters escaped, so a report cannot forge log lines (a newline followed by a fake
/// entry) or hide text from a terminal.
/// </summary>
internal sealed partial class BrowserLog(ILoggerFactory loggers)
{
    public const int MaxReportsPerClient = 50;
    private const int MaxFieldLength = 2_000;
    private readonly ILogger _logger = loggers.CreateLogger("Thywill.Browser");

    public void Write(ClientInfo? client, string? circuitId, BrowserErrorReport report, long droppedBefore = 0)
    {
        if (droppedBefore > 0)
        {
            Log.Dropped(_logger, droppedBefore, client?.ApplicationId, client?.ClientId, circuitId);
        }

        Log.BrowserError(
            _logger,
            Truncate(report.Kind) ?? "error",
            client?.ApplicationId,
            client?.ClientId,
            circuitId,
            Truncate(report.Message) ?? "(no message)",
            Truncate(report.Source),
            report.Line,
            report.Column,
            Truncate(report.Stack));
    }

    private static string? Truncate(string? value) =>
        value is null ? null : Escape(value.Length > MaxFieldLength ? value[..MaxFieldLength] + "…" : value);

    // Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides
    // become \uXXXX: visible, and unable to start a line or reorder one.
    internal static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var escaped = new System.Text.StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    private static partial class Log
    {
        [LoggerMessage(41, LogLevel.Warning, "{Dropped} browser error reports of {AppId}/{ClientId} (circuit {CircuitId}) were over the rate limit and not logged")]
        public static partial void Dropped(ILogger logger, long dropped, string? appId, string? clientId, string? circuitId);

        [LoggerMessage(40, LogLevel.Warning, "Browser {Kind} in {AppId}/{ClientId} (circuit {CircuitId}): {BrowserMessage} at {Source}:{Line}:{Column} {Stack}")]
        public static partial void BrowserError(ILogger logger, string kind, string? appId, string? clientId, string? circuitId, string browserMessage, string? source, int? line, int? column, string? stack);
    }
}
