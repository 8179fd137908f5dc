using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Echo;

/// <summary>The Razor echo application: a component using the C# client API, re-rendered by push.</summary>
[Collection(E2ECollection.Name)]
public sealed class RazorEchoTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task TypedMessage_IsEchoedIntoTheList_AsText() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo-razor"));
        var input = tab.Page.Locator("#echo-input");

        await input.FillAsync("hello from razor");
        await tab.Page.ClickAsync("#echo-send");
        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["hello from razor"]);

        await input.FillAsync("<b>not bold</b>");
        await tab.Page.ClickAsync("#echo-send");
        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["hello from razor", "<b>not bold</b>"]);
        await Expect(tab.Page.Locator("#echo-output b")).ToHaveCountAsync(0);
        await Expect(tab.Page.Locator("#client-id")).ToHaveTextAsync(tab.ClientId);
    });

    [Fact]
    public Task Reload_KeepsTheClientId() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo-razor"));
        var first = tab.ClientId;

        await tab.ReloadAsync();

        Assert.Equal(first, tab.ClientId);
        await Expect(tab.Page.Locator("#client-id")).ToHaveTextAsync(first);
    });

    [Fact]
    public Task ManyMessages_ArriveInOrder_ThroughBatchedReRenders() => RunAsync(async newContext =>
    {
        // 100 sends at once: over the default send burst (40), which this test is not about.
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Messages:RateLimitBurst"] = "100" });
        var tab = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo-razor"));

        // The JS send path reaches the same application; the Razor list shows what the push delivered.
        var sends = await tab.Page.EvaluateAsync<int>(
            "async () => { let ok = 0; await Promise.all(Array.from({ length: 100 }, (_, i) => thywill.send('m' + i).then(() => ok++))); return ok; }");

        Assert.Equal(100, sends);
        await Expect(tab.Page.Locator("#echo-output li")).ToHaveCountAsync(100);
        var texts = await tab.Page.Locator("#echo-output li").AllTextContentsAsync();
        Assert.Equal(100, texts.Distinct().Count());
    });
}
