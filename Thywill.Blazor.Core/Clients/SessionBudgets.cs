using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Clients;

/// <summary>
/// One session's rate budgets, one token bucket per kind of browser operation, each made on first
/// use (most clients never publish or call). Refusals are counted, and told to the log at most once
/// per <see cref="LogSampler.Interval"/>: a flooding client must not flood the log too.
/// </summary>
internal sealed class SessionBudgets(SessionLimits limits, TimeProvider time)
{
    private readonly LogSampler _refusals = new(time);
    private TokenBucket? _send;
    private TokenBucket? _publish;
    private TokenBucket? _join;
    private TokenBucket? _call;
    private TokenBucket? _bytes;

    public bool TrySend() => Take(ref _send, limits.Messages.RateLimitPerSecond, limits.Messages.RateLimitBurst);

    public bool TryPublish() => Take(ref _publish, limits.RateLimits.Publish.PerSecond, limits.RateLimits.Publish.Burst);

    /// <summary>Joins and leaves draw from one budget.</summary>
    public bool TryJoinOrLeave() => Take(ref _join, limits.RateLimits.Join.PerSecond, limits.RateLimits.Join.Burst);

    /// <summary>
    /// Waits for the join budget: for the joins the server makes on the client's behalf (the channels
    /// a resuming tab remembers), which must not be refused, but must not be free either.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (the circuit went).</param>
    public async Task WaitToJoinAsync(CancellationToken cancellationToken)
    {
        var perSecond = Math.Max(1, limits.RateLimits.Join.PerSecond);
        while (!TryJoinOrLeave())
        {
            await Task.Delay(TimeSpan.FromSeconds(1.0 / perSecond), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool TryCall() => Take(ref _call, limits.RateLimits.Call.PerSecond, limits.RateLimits.Call.Burst);

    /// <summary>Sends and publishes draw their payload's bytes from one budget too: what they fan out is bytes in others' outboxes.</summary>
    /// <param name="bytes">The payload's size.</param>
    public bool TryBytes(int bytes) => Take(ref _bytes, limits.RateLimits.Bytes.PerSecond, limits.RateLimits.Bytes.Burst, bytes);

    /// <summary>
    /// Counts a refusal; returns how many refusals a log line should report now, or 0 to stay quiet
    /// (one line per client per <see cref="LogSampler.Interval"/>, carrying the count since the last one).
    /// </summary>
    public long CountRefusal() => _refusals.Count();

    private bool Take(ref TokenBucket? bucket, int perSecond, int burst, int tokens = 1)
    {
        if (Volatile.Read(ref bucket) is null)
        {
            Interlocked.CompareExchange(ref bucket, new TokenBucket(perSecond, burst, time), null);
        }

        return bucket!.TryTake(tokens);
    }
}
