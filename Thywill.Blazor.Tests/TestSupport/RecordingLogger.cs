using Microsoft.Extensions.Logging;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A logger that keeps its entries with their structured properties.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Signal)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception), exception, properties);
        lock (_gate)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult(entry);
            }
        }
    }

    /// <summary>
    /// The first entry that matches, once it is written — for lines logged on another thread.
    /// The timeout only keeps a broken test from hanging.
    /// </summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        lock (_gate)
        {
            if (_entries.FirstOrDefault(match) is { } written)
            {
                return Task.FromResult(written);
            }

            var signal = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

/// <summary>One log entry.</summary>
/// <param name="Level">Its level.</param>
/// <param name="EventId">Its event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it.</param>
/// <param name="Properties">Its structured properties, by name.</param>
internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Properties);
