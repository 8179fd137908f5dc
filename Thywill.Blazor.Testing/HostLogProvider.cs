using Microsoft.Extensions.Logging;

namespace Thywill.Blazor.Testing;

/// <summary>
/// Writes log entries into a <see cref="HostLog"/> as <c>[LVL] Category: message</c>, then the
/// exception's text. Which levels reach it is the host's choice (see <see cref="HostLogLoggerFactory"/>).
/// </summary>
internal sealed class HostLogProvider(HostLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, log);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, HostLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = $"[{Abbreviation(logLevel)}] {category}: {formatter(state, exception)}";
            log.Add(exception is null ? entry : entry + "\n" + exception);
        }

        private static string Abbreviation(LogLevel level) => level switch
        {
            LogLevel.Trace => "TRC",
            LogLevel.Debug => "DBG",
            LogLevel.Information => "INF",
            LogLevel.Warning => "WRN",
            LogLevel.Error => "ERR",
            _ => "CRT",
        };
    }
}
