using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Logging;

/// <summary>
/// Writes forwarded browser errors into the server log under the <c>Thywill.Browser</c> category,
/// with the client's identity as structured properties. Bounded per client so a looping error in a
/// page cannot flood the log.
/// </summary>
internal sealed partial class BrowserLog(ILoggerFactory loggers)
{
    public const int MaxReportsPerClient = 50;
    private const int MaxFieldLength = 2_000;
    private readonly ILogger _logger = loggers.CreateLogger("Thywill.Browser");

    public void Write(ClientInfo? client, string? circuitId, BrowserErrorReport report)
    {
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
        value is { Length: > MaxFieldLength } ? value[..MaxFieldLength] + "…" : value;

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "Browser {Kind} in {AppId}/{ClientId} (circuit {CircuitId}): {BrowserMessage} at {Source}:{Line}:{Column} {Stack}")]
        public static partial void BrowserError(ILogger logger, string kind, string? appId, string? clientId, string? circuitId, string browserMessage, string? source, int? line, int? column, string? stack);
    }
}
