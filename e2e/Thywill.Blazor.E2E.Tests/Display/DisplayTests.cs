using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Display;

/// <summary>Display: every application's connected clients and their channels, live.</summary>
[Collection(E2ECollection.Name)]
public sealed class DisplayTests(BrowserFixture browser, HostFixture fixture) : IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    private Task RunAsync(Func<Func<Task<IBrowserContext>>, Task> test, [CallerMemberName] string name = "") =>
        Artifacts.RunAsync(browser.Browser, name, test);

    [Fact]
    public Task ClientOfAnotherApp_AppearsWhenItOpens_AndDisappearsWhenItCloses() => RunAsync(async newContext =>
    {
        var display = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("display"));
        var echo = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        var row = display.Page.Locator($"[data-display-app='echo'] [data-display-client='{echo.ClientId}']");

        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-up", "true");
        await Expect(row.Locator($"[data-display-channel='$client:{echo.ClientId}']")).ToBeVisibleAsync();
        await Expect(display.Page.Locator("[data-display-count='echo']")).ToHaveTextAsync(
            (await display.Page.Locator("[data-display-app='echo'] [data-display-client]").CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await echo.Page.CloseAsync();

        // The circuit closes with the page; the directory's Changed redraws the display.
        await Expect(row).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
    });

    [Fact]
    public Task JoinedChannel_IsListedWithTheClient_AndGoesWhenItLeaves() => RunAsync(async newContext =>
    {
        var display = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("display"));
        var relay = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        var channel = display.Page.Locator($"[data-display-client='{relay.ClientId}'] [data-display-channel='room:lobby']");

        Assert.True((await relay.JoinAsync("room:lobby")).GetProperty("ok").GetBoolean());
        await Expect(channel).ToBeVisibleAsync();

        await relay.Page.EvaluateAsync("() => thywill.leave('room:lobby')");
        await Expect(channel).ToHaveCountAsync(0);
    });

    [Fact]
    public Task OwnClient_IsMarked_AndCounted() => RunAsync(async newContext =>
    {
        var display = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("display"));
        var self = display.Page.Locator($"[data-display-app='display'] [data-display-client='{display.ClientId}']");

        await Expect(self).ToHaveClassAsync("self");
        await Expect(self.Locator(".you")).ToHaveTextAsync("you");
        var total = int.Parse(await display.Page.Locator("#display-total").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 1);
    });
}
