using Microsoft.Playwright;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>
/// Serves the guides' sample library's files (docs/samples/Thywill.Blazor.Samples/wwwroot) to a
/// browser context, as a host that references the library would serve them under
/// <c>_content/Thywill.Blazor.Samples/</c>: the e2e host does not reference it.
/// </summary>
public static class SampleAssets
{
    private const string Prefix = "/_content/Thywill.Blazor.Samples/";

    /// <summary>Routes the sample library's static files for every page of <paramref name="context"/>.</summary>
    /// <param name="context">The browser context.</param>
    public static Task ServeAsync(IBrowserContext context)
    {
        var assets = Path.Combine(Repository.Root, "docs", "samples", "Thywill.Blazor.Samples", "wwwroot");
        return context.RouteAsync("**" + Prefix + "**", async route =>
        {
            var relative = new Uri(route.Request.Url).AbsolutePath.Split(Prefix, 2)[1];
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Path = Path.Combine(assets, relative),
                ContentType = relative.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css",
            });
        });
    }
}
