using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Host.Extensions;
using Thywill.Blazor.Host.Operators;

namespace Thywill.Blazor.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the Host: Thywill's meter, ASP.NET Core's (which in .NET 10 include Blazor's
/// circuits, SignalR's connections and Kestrel's), the runtime's; a Prometheus scrape endpoint at
/// <c>/metrics</c>, and OTLP for metrics and traces when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters .NET itself offers a Blazor Server node, besides the runtime's.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.RateLimiting",
    ];

    public static WebApplicationBuilder AddThywillTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("thywill-blazor", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ThywillTelemetry.MeterName)
                    .AddMeter(FrameworkMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Traces go somewhere only with OTLP: without an exporter nobody would read them.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ThywillTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> behind its gate: a peer in <c>Thywill:Metrics:AllowedNetworks</c> or a
    /// signed-in operator; anyone else gets 404, as if it did not exist.
    /// </summary>
    public static WebApplication MapThywillMetrics(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                if (await MayScrapeAsync(context))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        return app;
    }

    private static Task<bool> MayScrapeAsync(HttpContext context) =>
        OperatorAccess.IsOperatorOrPeerInAsync(
            context,
            MetricsOptions.Section + ":" + nameof(MetricsOptions.AllowedNetworks),
            context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue.NetworksInForce);
}
