using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.Apps.Echo;
using Thywill.Blazor.Apps.EchoRazor;
using Thywill.Blazor.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the example applications.</summary>
public static class ThywillExampleApplications
{
    /// <summary>Adds echo (JavaScript), echo-razor (Razor) and chat (Razor + MudBlazor).</summary>
    /// <param name="builder">The Thywill builder.</param>
    /// <returns>The builder.</returns>
    public static ThywillBuilder AddExampleApplications(this ThywillBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddApplication<EchoApplication>()
            .AddApplication<EchoRazorApplication>()
            .AddApplication<ChatApplication>();
    }
}
