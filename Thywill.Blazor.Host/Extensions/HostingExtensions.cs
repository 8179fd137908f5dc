using MudBlazor.Services;
using Serilog;
using Thywill.Blazor.Host.Bench;
using Thywill.Blazor.Host.Components;
using Thywill.Blazor.Host.Dashboard;
using Thywill.Blazor.Host.Operators;
using Thywill.Blazor.Host.Telemetry;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Composition of the runnable server.</summary>
internal static class HostingExtensions
{
    public const string StaticWebAssetsKey = "Host:StaticWebAssets";

    public static WebApplicationBuilder AddThywillHost(this WebApplicationBuilder builder)
    {
        // A build output (not a publish) outside Development has no wwwroot of its own: its static
        // assets (blazor.web.js, MudBlazor's) are served from the projects only when asked for.
        if (builder.Configuration.GetValue<bool>(StaticWebAssetsKey))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        // The framework; the applications are added in Program.cs, where a reader looks for them.
        var thywill = builder.Services.AddThywill(builder.Configuration.GetSection("Thywill"));

        // The load client's fan-out target; never registered unless configuration asks for it.
        if (builder.Configuration.GetValue<bool>(BroadcastBenchApplication.EnabledKey))
        {
            thywill.AddApplication<BroadcastBenchApplication>();
        }

        builder.AddOperatorAccess();
        builder.Services.AddThywillDashboard();
        builder.AddThywillTelemetry();
        builder.Services.AddMudServices();
        builder.AddForwardedHeaders();
        builder.AddAddressLimits();
        builder.LimitConnections();
        return builder;
    }

    public static WebApplication UseThywillHost(this WebApplication app)
    {
        app.UseConfiguredForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);

            // HSTS goes out on HTTPS responses only, and never for localhost. The redirection acts
            // only when the host knows an HTTPS port (an https:// URL, ASPNETCORE_HTTPS_PORT): a host
            // serving plain HTTP behind a TLS-terminating proxy, whose X-Forwarded-Proto it believes
            // (Host:ForwardedHeaders), sees HTTPS requests and is left alone.
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // This host's own Serilog pipeline (see AddThywillLogging), not the process-wide one.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetService<Serilog.ILogger>());
        app.UseRateLimiter();
        app.UseOperatorAccess();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        app.MapThywill().LimitBootstraps();
        app.MapThywillMetrics();
        app.MapHealthEndpoints();
        return app;
    }
}
