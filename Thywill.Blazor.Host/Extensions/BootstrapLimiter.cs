using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Page loads of an application per address: a token bucket each (<c>Host:PerAddress:BootstrapsPerSecond</c>,
/// <c>BootstrapBurst</c>). Every bootstrap starts a session and writes to the database, so one address
/// must not be able to make them as fast as it can send requests. Idle buckets are dropped by the
/// partitioned limiter itself.
/// </summary>
internal sealed class BootstrapLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public BootstrapLimiter(IOptions<PerAddressOptions> options)
    {
        var perSecond = options.Value.BootstrapsPerSecond;
        var burst = options.Value.BootstrapBurst;
        Limit = new AddressLimit(
            PerAddressOptions.Section + ":" + nameof(PerAddressOptions.BootstrapsPerSecond),
            $"Too many page loads from one address: {PerAddressOptions.Section}:{nameof(PerAddressOptions.BootstrapsPerSecond)} is {perSecond}, {nameof(PerAddressOptions.BootstrapBurst)} {burst}.");
        _limiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => RateLimitPartition.GetTokenBucketLimiter(
            AddressLimits.PartitionOf(context.Connection.RemoteIpAddress),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>The limit, as a refused client is told it.</summary>
    public AddressLimit Limit { get; }

    /// <summary>Takes one page load from the request's address; not acquired when its bucket is empty.</summary>
    public RateLimitLease Acquire(HttpContext context) => _limiter.AttemptAcquire(context);

    public void Dispose() => _limiter.Dispose();
}
