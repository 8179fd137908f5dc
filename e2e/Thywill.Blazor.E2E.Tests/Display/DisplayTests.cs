using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Display;

/// <summary>
/// Display: every application's connected clients and their channels, live — to a signed-in
/// operator; a stranger sees how many, never who.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DisplayTests(BrowserFixture browser, OperatorHostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<OperatorHostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    // The display tab of a signed-in operator.
    private async Task<ThywillPage> OpenAsOperatorAsync(Func<Task<IBrowserContext>> newContext)
    {
        var context = await newContext();
        await fixture.SignInAsync(context);
        return await ThywillPage.OpenAsync(context, Host.AppUrl("display"));
    }

    [Fact]
    public Task Stranger_SeesCounts_ButNoClientIdsSessionsOrChannels() => RunAsync(async newContext =>
    {
        var relay = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        Assert.True((await relay.JoinAsync("room:secret-meeting")).GetProperty("ok").GetBoolean());
        var stranger = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("display"));
        var watcher = await OpenAsOperatorAsync(newContext);

        // The operator sees the relay client (so the view is up to date), the stranger only a count.
        await Expect(watcher.Page.Locator($"[data-display-client='{relay.ClientId}'] [data-display-channel='room:secret-meeting']")).ToBeVisibleAsync();
        await Expect(stranger.Page.Locator("[data-display-hidden='relay']")).ToBeVisibleAsync();
        var seen = await stranger.Page.ContentAsync();
        Assert.DoesNotContain(relay.ClientId, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-meeting", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(watcher.ClientId, seen, StringComparison.Ordinal);
        Assert.Equal(0, await stranger.Page.Locator("[data-display-client]").CountAsync());
        Assert.NotEqual("0", await stranger.Page.Locator("[data-display-count='relay']").TextContentAsync());
    });

    [Fact]
    public Task ClientOfAnotherApp_AppearsWhenItOpens_AndDisappearsWhenItCloses() => RunAsync(async newContext =>
    {
        var display = await OpenAsOperatorAsync(newContext);
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
        var display = await OpenAsOperatorAsync(newContext);
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
        var display = await OpenAsOperatorAsync(newContext);
        var self = display.Page.Locator($"[data-display-app='display'] [data-display-client='{display.ClientId}']");

        await Expect(self).ToHaveClassAsync("self");
        await Expect(self.Locator(".you")).ToHaveTextAsync("you");
        var total = int.Parse(await display.Page.Locator("#display-total").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 1);
    });
}
