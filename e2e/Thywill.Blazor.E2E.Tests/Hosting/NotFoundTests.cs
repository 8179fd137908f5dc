using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>Unknown applications and the home page.</summary>
[Collection(E2ECollection.Name)]
public sealed class NotFoundTests(BrowserFixture browser, HostFixture fixture) : IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    private Task RunAsync(Func<Func<Task<IBrowserContext>>, Task> test, [CallerMemberName] string name = "") =>
        Artifacts.RunAsync(browser.Browser, name, test);

    [Fact]
    public Task UnknownApplication_Gets404_ListingTheApplicationsThatExist() => RunAsync(async newContext =>
    {
        var page = await (await newContext()).NewPageAsync();

        var response = await page.GotoAsync(Host.AppUrl("no-such-app"));

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToContainTextAsync("no-such-app");
        await Expect(page.Locator("#thywill-applications li")).ToHaveCountAsync(4);
        await page.ClickAsync("#thywill-applications a[href$='/echo']");
        await Expect(page.Locator("#echo-input")).ToBeVisibleAsync();
    });

    [Fact]
    public Task HomePage_ListsTheApplications_WithLinksToTheirInitPages() => RunAsync(async newContext =>
    {
        var page = await (await newContext()).NewPageAsync();

        await page.GotoAsync(Host.BaseAddress.ToString());

        await Expect(page.Locator(".thywill-app-card")).ToHaveCountAsync(4);
        await page.Locator(".thywill-app-card[data-app-id='echo-razor'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/thywill/init/echo-razor$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Echo (Razor)");
    });
}
