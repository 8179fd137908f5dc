using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// The Host's pages work offline and tell no third party who opened them: every request a page
/// makes (styles, fonts, scripts, images, the circuit) goes to the Host itself.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NoThirdPartyTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task HomePage_AndEveryApplication_RequestOnlyTheHost() => RunAsync(async newContext =>
    {
        var context = await newContext();
        var elsewhere = new List<string>();
        var local = 0;
        context.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "data" or "blob" || (uri.Host == Host.BaseAddress.Host && uri.Port == Host.BaseAddress.Port))
            {
                Interlocked.Increment(ref local);
            }
            else
            {
                lock (elsewhere)
                {
                    elsewhere.Add(request.Url);
                }
            }
        };

        // The operator pages share the home page's layout (App.razor); every application has its own page.
        var urls = new List<string> { Host.BaseAddress.ToString() };
        urls.AddRange(Host.Services.GetRequiredService<IApplicationCatalog>().All.Select(a => Host.AppUrl(a.Id)));
        foreach (var url in urls)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(url, new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
            await page.CloseAsync();
        }

        Assert.Empty(elsewhere);
        Assert.True(local > urls.Count, $"only {local} requests were seen");
    });
}
