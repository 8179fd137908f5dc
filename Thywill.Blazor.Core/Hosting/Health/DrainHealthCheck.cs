using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Thywill.Blazor.Hosting.Health;

/// <summary>Not ready once the node drains: the balancer must send new browsers elsewhere.</summary>
internal sealed class DrainHealthCheck(NodeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("The node is draining") : HealthCheckResult.Healthy("Serving"));
}
