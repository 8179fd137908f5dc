using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Hosting.Health;

/// <summary>
/// Ready only while the engine answers: on the Redis engine a node that cannot reach Redis can
/// neither publish nor join, so the balancer should send new browsers elsewhere. The in-memory
/// engine is always there.
/// </summary>
internal sealed class EngineHealthCheck(IServiceProvider services, IOptions<EngineOptions> engine) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (engine.Value.Provider != EngineProvider.Redis)
        {
            return HealthCheckResult.Healthy("in-memory engine");
        }

        var redis = services.GetRequiredService<RedisCalls>();

        try
        {
            var latency = await redis.PingAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (RpcException ex)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: " + ex.Message);
        }
    }
}
