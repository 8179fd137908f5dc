using Serilog.Core;

namespace Thywill.Blazor.Host.Dashboard;

/// <summary>Registers what the operator dashboard reads: the node sampler and the recent warnings.</summary>
internal static class DashboardExtensions
{
    public static IServiceCollection AddThywillDashboard(this IServiceCollection services)
    {
        services.AddSingleton<NodeSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<NodeSampler>());
        services.AddSingleton<RecentLog>();

        // Serilog's ReadFrom.Services adds every registered sink to the host's logger.
        services.AddSingleton<ILogEventSink>(provider => provider.GetRequiredService<RecentLog>());
        return services;
    }
}
