namespace Thywill.Blazor.Clients;

/// <summary>A per-client rate limit: <c>rate</c> tokens a second, up to <c>burst</c> saved.</summary>
internal sealed class TokenBucket(int rate, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>Takes <paramref name="tokens"/> (at most the burst: a full bucket always has room for one operation).</summary>
    public bool TryTake(int tokens = 1)
    {
        double cost = Math.Min(tokens, burst);
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * rate));
            _last = now;
            if (_tokens < cost)
            {
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }
}
