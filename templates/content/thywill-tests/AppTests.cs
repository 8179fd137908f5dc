using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThywillApp1.Tests;

/// <summary>
/// The application in real Chromium against its real host (<c>Program</c>, on a free loopback port
/// with its own database), driven through the page as a person would. A failing test leaves a
/// Playwright trace and screenshots in playwright-artifacts/ beside the test assembly.
/// </summary>
[Collection(ThywillTestCollection.Name)]
public sealed class AppTests(BrowserFixture browser, ThywillHostFixture<Program> fixture)
    : ThywillBrowserTest(browser), IClassFixture<ThywillHostFixture<Program>>
{
    private const string AppId = "thywillapp1-id";

    [Fact]
    public Task WhatOnePageSends_EveryPageSees_AndALaterPageGetsItFromHistory() => RunAsync(async newContext =>
    {
        var ann = await OpenAsync(await newContext());
        var bob = await OpenAsync(await newContext());

        await SendAsync(ann, "hello from Ann");

        await Expect(Line(bob, "hello from Ann")).ToHaveCountAsync(1);
        await Expect(Line(ann, "hello from Ann")).ToHaveCountAsync(1);

        // A page opened afterwards rebuilds the room from its history.
        var cy = await OpenAsync(await newContext());
        await Expect(Line(cy, "hello from Ann")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task AReloadedPage_ShowsTheRoomAgain_EachMessageOnce() => RunAsync(async newContext =>
    {
        var ann = await OpenAsync(await newContext());
        await SendAsync(ann, "before the reload");
        await Expect(Line(ann, "before the reload")).ToHaveCountAsync(1);

        await ann.ReloadAsync();

        await Expect(ann.Page.Locator("#greeting")).ToContainTextAsync("Hello, client");
        await Expect(Line(ann, "before the reload")).ToHaveCountAsync(1);
    });

    // The page greets once it has joined the room, so a test may send from then on.
    private async Task<ThywillPage> OpenAsync(IBrowserContext context)
    {
        var page = await ThywillPage.OpenAsync(context, fixture.Host.AppUrl(AppId));
        await Expect(page.Page.Locator("#greeting")).ToContainTextAsync("Hello, client");
        return page;
    }

    private static async Task SendAsync(ThywillPage page, string text)
    {
        await page.Page.FillAsync("#message", text);
        await page.Page.ClickAsync("#send");
    }

    private static ILocator Line(ThywillPage page, string text) =>
        page.Page.Locator("#messages li", new() { HasTextString = text });
}
