using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Thywill.Blazor.Host.Dashboard;

/// <summary>
/// The node's recent warnings and errors, for the dashboard: a Serilog sink (the host's logger finds
/// it among the services) that keeps the newest <see cref="Capacity"/> entries, each shortened, so a
/// flood of log lines costs a fixed amount of memory.
/// </summary>
internal sealed class RecentLog : ILogEventSink
{
    /// <summary>How many entries are kept.</summary>
    public const int Capacity = 200;

    /// <summary>The longest message or exception text kept.</summary>
    public const int MaxTextLength = 1000;

    private readonly Lock _gate = new();
    private readonly Queue<RecentLogEntry> _entries = new(Capacity);
    private long _total;

    /// <summary>Raised after an entry is added, on the logging thread.</summary>
    public event Action? Added;

    /// <summary>How many warnings and errors were logged since the node started (kept or not).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The kept entries, newest first.</summary>
    public IReadOnlyList<RecentLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.Reverse().ToArray();
            }
        }
    }

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        var source = logEvent.Properties.TryGetValue("SourceContext", out var context) && context is ScalarValue { Value: string name } ? name : "";
        var exception = logEvent.Exception is { } ex ? Shorten(ex.GetType().Name + ": " + ex.Message) : null;
        var entry = new RecentLogEntry(logEvent.Timestamp, logEvent.Level.ToString(), source, Shorten(logEvent.RenderMessage(CultureInfo.InvariantCulture)), exception);
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }

        Interlocked.Increment(ref _total);
        Added?.Invoke();
    }

    private static string Shorten(string text) => text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text;
}
