using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Tabular;

/// <summary>Tabular: Start and Stop a server stream of rows into a MudBlazor table and chart, per tab.</summary>
[Collection(E2ECollection.Name)]
public sealed class TabularTests(BrowserFixture browser, HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Rows = "#tabular-table tbody tr.mud-table-row";

    private ThywillTestHost Host => fixture.Host;

    private Task RunAsync(Func<Func<Task<IBrowserContext>>, Task> test, [CallerMemberName] string name = "") =>
        Artifacts.RunAsync(browser.Browser, name, test);

    [Fact]
    public Task Start_StreamsRowsIntoTheTableAndChart_AndStopStopsThem() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("tabular"));
        await Expect(tab.Page.Locator(Rows)).ToHaveCountAsync(0);

        await tab.Page.ClickAsync("#tabular-start");
        await Expect(tab.Page.Locator("#tabular-status")).ToHaveAttributeAsync("data-running", "true");
        await WaitForReceivedAsync(tab, atLeast: 3);
        var early = await ReceivedAsync(tab);
        await WaitForReceivedAsync(tab, atLeast: early + 3);

        await Expect(tab.Page.Locator(Rows).First).ToBeVisibleAsync();
        Assert.True(await tab.Page.Locator(Rows).CountAsync() >= early + 3);
        await Expect(tab.Page.Locator("#tabular-chart svg path.mud-chart-line")).ToHaveCountAsync(2);

        await tab.Page.ClickAsync("#tabular-stop");
        await Expect(tab.Page.Locator("#tabular-status")).ToHaveAttributeAsync("data-running", "false");
        await Task.Delay(300);
        var stopped = await ReceivedAsync(tab);
        await Task.Delay(1_000);

        Assert.Equal(stopped, await ReceivedAsync(tab));
        Assert.Equal(Math.Min(stopped, 50), await tab.Page.Locator(Rows).CountAsync());
    });

    [Fact]
    public Task Table_ShowsTheNewestRowFirst_AndKeepsTheLastFifty() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("tabular"));

        await tab.Page.ClickAsync("#tabular-start");
        await WaitForReceivedAsync(tab, atLeast: 55, timeoutMs: 20_000);
        await tab.Page.ClickAsync("#tabular-stop");
        await Expect(tab.Page.Locator("#tabular-status")).ToHaveAttributeAsync("data-running", "false");
        await Task.Delay(300);

        var received = await ReceivedAsync(tab);
        var numbers = (await tab.Page.Locator(Rows + " td:first-child").AllTextContentsAsync()).Select(long.Parse).ToArray();
        Assert.Equal(50, numbers.Length);
        Assert.Equal(received, numbers[0]);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => received - i), numbers);
    });

    [Fact]
    public Task Stream_GoesToItsOwnTabOnly() => RunAsync(async newContext =>
    {
        var streaming = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("tabular"));
        var other = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("tabular"));

        await streaming.Page.ClickAsync("#tabular-start");
        await WaitForReceivedAsync(streaming, atLeast: 10);

        Assert.Equal(0, await ReceivedAsync(other));
        await Expect(other.Page.Locator(Rows)).ToHaveCountAsync(0);
        await Expect(other.Page.Locator("#tabular-status")).ToHaveAttributeAsync("data-running", "false");
        await streaming.Page.ClickAsync("#tabular-stop");
    });

    [Fact]
    public Task ClosingTheTab_StopsItsStreamOnTheServer() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("tabular"));
        await tab.Page.ClickAsync("#tabular-start");
        await WaitForReceivedAsync(tab, atLeast: 2);

        await tab.Page.CloseAsync();

        await Host.WaitForLogAsync($"Tabular stream stopped for {tab.ClientId}", timeoutSeconds: 30);
    });

    private static async Task<long> ReceivedAsync(ThywillPage tab) =>
        long.Parse(await tab.Page.Locator("#tabular-received").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static Task WaitForReceivedAsync(ThywillPage tab, long atLeast, float timeoutMs = 10_000) =>
        tab.Page.WaitForFunctionAsync(
            "n => Number(document.querySelector('#tabular-received').dataset.count) >= n",
            atLeast,
            new PageWaitForFunctionOptions { Timeout = timeoutMs });
}
