using MudBlazor.Services;
using Serilog;
using Thywill.Blazor.Host.Bench;
using Thywill.Blazor.Host.Components;
using Thywill.Blazor.Host.Operators;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Composition of the runnable server.</summary>
internal static class HostingExtensions
{
    public static WebApplicationBuilder AddThywillHost(this WebApplicationBuilder builder)
    {
        var thywill = builder.Services.AddThywill(builder.Configuration.GetSection("Thywill"))
            .AddExampleApplications();

        // The load client's fan-out target; never registered unless configuration asks for it.
        if (builder.Configuration.GetValue<bool>(BroadcastBenchApplication.EnabledKey))
        {
            thywill.AddApplication<BroadcastBenchApplication>();
        }

        builder.AddOperatorAccess();
        builder.Services.AddMudServices();
        builder.LimitConnections();
        return builder;
    }

    public static WebApplication UseThywillHost(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // This host's own Serilog pipeline (see AddThywillLogging), not the process-wide one.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetService<Serilog.ILogger>());
        app.UseOperatorAccess();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        app.MapThywill();
        app.MapOperatorEndpoints();
        return app;
    }
}
