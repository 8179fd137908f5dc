using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Logging;

/// <summary>
/// One circuit's way into the log for its browser's error reports: at most <see cref="Burst"/> at
/// once and <see cref="PerSecond"/> after that. thywill.js stops by itself after
/// <see cref="BrowserLog.MaxReportsPerClient"/>, but a hostile page calls the method directly; what
/// it sends over the limit is counted, and the count told with the next report that gets through.
/// </summary>
internal sealed class BrowserErrorReporter(BrowserLog log, TimeProvider time)
{
    /// <summary>Reports logged at once.</summary>
    public const int Burst = 10;

    /// <summary>Reports logged per second after the burst.</summary>
    public const int PerSecond = 1;

    private readonly TokenBucket _budget = new(PerSecond, Burst, time);
    private long _dropped;

    /// <summary>Logs a report within the budget, or counts it.</summary>
    /// <returns>Whether it was logged.</returns>
    public bool Report(ClientInfo? client, string? circuitId, BrowserErrorReport report)
    {
        if (!_budget.TryTake())
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        log.Write(client, circuitId, report, Interlocked.Exchange(ref _dropped, 0));
        return true;
    }
}
