using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using Thywill.Blazor.Samples.Counter;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Docs;

/// <summary>
/// The Razor guide's counter, exactly as the guide quotes it (docs/samples/.../Counter), run in
/// Chromium: typed calls change the count, the server's publications reach every page, and the
/// kept count comes back from history on a new page, a reload and a restarted server.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CounterGuideTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    [Fact]
    public Task TypedCalls_ChangeTheCountForEveryPage_AndTheCountComesBackFromHistory() => RunAsync(async newContext =>
    {
        var host = await ThywillTestHost.StartAsync<Program>(services: s => s.AddThywillApplication<CounterApplication>());
        try
        {
            var ann = await OpenAsync(await newContext(), host);
            var bob = await OpenAsync(await newContext(), host);
            await Expect(Value(ann)).ToHaveTextAsync("…");

            await ann.Page.ClickAsync("#counter-plus-one");
            await Expect(Value(bob)).ToHaveTextAsync("1");
            await bob.Page.ClickAsync("#counter-plus-ten");
            await Expect(Value(ann)).ToHaveTextAsync("11");
            await Expect(Value(bob)).ToHaveTextAsync("11");

            // A new page and a reloaded one show the kept count at once, from the channel's history.
            var cy = await OpenAsync(await newContext(), host);
            await Expect(Value(cy)).ToHaveTextAsync("11");
            await ann.Page.ReloadAsync();
            await Expect(Value(ann)).ToHaveTextAsync("11");

            // The count is archived: after a restart the server goes on from it.
            host = await host.RestartAsync();
            var dan = await OpenAsync(await newContext(), host);
            await Expect(Value(dan)).ToHaveTextAsync("11");
            await dan.Page.ClickAsync("#counter-plus-one");
            await Expect(Value(dan)).ToHaveTextAsync("12");

            await dan.Page.ClickAsync("#counter-reset");
            await Expect(Value(dan)).ToHaveTextAsync("0");
            await Expect(dan.Page.Locator("#counter-error")).ToBeEmptyAsync();
        }
        finally
        {
            await host.DisposeAsync();
        }
    });

    private static async Task<ThywillPage> OpenAsync(IBrowserContext context, ThywillTestHost host)
    {
        var page = await ThywillPage.OpenAsync(context, host.AppUrl(CounterApplication.Id));
        await Expect(page.Page.Locator("#counter-value")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Value(ThywillPage page) => page.Page.Locator("#counter-value");
}
