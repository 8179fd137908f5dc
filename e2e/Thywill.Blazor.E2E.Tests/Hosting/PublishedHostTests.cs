using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>The published Host runs in Production: static assets, thywill.js and Blazor's script are served.</summary>
[Collection(E2ECollection.Name)]
public sealed class PublishedHostTests(BrowserFixture browser, PublishedHost host) : ThywillBrowserTest(browser), IClassFixture<PublishedHost>
{
    [Theory]
    [InlineData("_content/Thywill.Blazor.Core/thywill.js")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("_content/Thywill.Blazor.Apps/echo/echo.js")]
    [InlineData("_content/MudBlazor/MudBlazor.min.css")]
    public async Task StaticAssets_AreServed(string path)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(path);

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}\n{host.Output}");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public Task JsEcho_RoundTrips_InProduction() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));

        await tab.Page.FillAsync("#echo-input", "published");
        await tab.Page.ClickAsync("#echo-send");

        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["published"]);
    });

    [Fact]
    public Task RazorEcho_RoundTrips_InProduction() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo-razor"));

        await tab.Page.FillAsync("#echo-input", "published razor");
        await tab.Page.ClickAsync("#echo-send");

        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["published razor"]);
    });

    [Fact]
    public Task SessionCookie_InProductionOverLoopbackHttp_HostPrefixedSecureAndKeptByChromium() => RunAsync(async newContext =>
    {
        // Chromium treats http://127.0.0.1 as a secure origin: it stores a Secure, __Host- cookie there.
        var context = await newContext();
        await ThywillPage.OpenAsync(context, host.AppUrl("echo"));
        var first = Assert.Single(await context.CookiesAsync(), c => c.Name.EndsWith("thywill.sid", StringComparison.Ordinal));

        await ThywillPage.OpenAsync(context, host.AppUrl("echo-razor"));
        var second = Assert.Single(await context.CookiesAsync(), c => c.Name.EndsWith("thywill.sid", StringComparison.Ordinal));

        Assert.Equal("__Host-thywill.sid", first.Name);
        Assert.True(first.Secure);
        Assert.True(first.HttpOnly);
        Assert.Equal(first.Value, second.Value);
    });
}
