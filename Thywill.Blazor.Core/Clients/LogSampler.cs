namespace Thywill.Blazor.Clients;

/// <summary>
/// Lets one log line through per <see cref="Interval"/> for one client's repeated events (refusals),
/// carrying how many there were since the last: a client that provokes them in a loop must not
/// flood the log.
/// </summary>
internal sealed class LogSampler(TimeProvider time)
{
    /// <summary>The shortest time between two log lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private long _count;
    private long? _lastLogged;

    /// <summary>
    /// Counts an event; returns how many events a log line should report now, or 0 to stay quiet.
    /// </summary>
    public long Count()
    {
        lock (_gate)
        {
            _count++;
            var now = time.GetTimestamp();
            if (_lastLogged is { } last && time.GetElapsedTime(last, now) < Interval)
            {
                return 0;
            }

            _lastLogged = now;
            var count = _count;
            _count = 0;
            return count;
        }
    }
}
