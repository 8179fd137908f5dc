namespace Thywill.Blazor.Clients;

/// <summary>
/// Lets one log line through per <see cref="Interval"/> for each kind of one client's repeated
/// events (refusals), carrying how many of that kind there were since the last: a client that
/// provokes them in a loop must not flood the log, yet a refusal of a new kind is still heard.
/// </summary>
/// <remarks>
/// Kinds are the framework's error codes, a small fixed set, so the per-kind state stays bounded.
/// </remarks>
internal sealed class LogSampler(TimeProvider time)
{
    /// <summary>The shortest time between two log lines of one kind.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, long? LastLogged)> _kinds = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts an event of <paramref name="kind"/>; returns how many events of that kind a log line
    /// should report now, or 0 to stay quiet.
    /// </summary>
    public long Count(string kind = "")
    {
        lock (_gate)
        {
            var (count, last) = _kinds.GetValueOrDefault(kind);
            count++;
            var now = time.GetTimestamp();
            if (last is { } logged && time.GetElapsedTime(logged, now) < Interval)
            {
                _kinds[kind] = (count, last);
                return 0;
            }

            _kinds[kind] = (0, now);
            return count;
        }
    }
}
