using MudBlazor.Services;
using Serilog;
using Thywill.Blazor.Host.Components;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Composition of the runnable server.</summary>
internal static class HostingExtensions
{
    public static WebApplicationBuilder AddThywillHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddThywill(builder.Configuration.GetSection("Thywill"))
            .AddExampleApplications();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseThywillHost(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseSerilogRequestLogging();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        app.MapThywill();
        return app;
    }
}
