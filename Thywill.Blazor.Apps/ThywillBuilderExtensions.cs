using Thywill.Blazor.Apps.Calculations;
using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.Apps.Display;
using Thywill.Blazor.Apps.Draw;
using Thywill.Blazor.Apps.Echo;
using Thywill.Blazor.Apps.EchoRazor;
using Thywill.Blazor.Apps.Tabular;
using Thywill.Blazor.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the example applications.</summary>
public static class ThywillExampleApplications
{
    /// <summary>Adds the example applications: echo, echo-razor, chat, calculations, draw, tabular, display.</summary>
    /// <param name="builder">The Thywill builder.</param>
    /// <returns>The builder.</returns>
    public static ThywillBuilder AddExampleApplications(this ThywillBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddApplication<EchoApplication>()
            .AddApplication<EchoRazorApplication>()
            .AddApplication<ChatApplication>()
            .AddApplication<CalculationsApplication>()
            .AddApplication<DrawApplication>()
            .AddApplication<TabularApplication>()
            .AddApplication<DisplayApplication>();
    }
}
