using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// The operator dashboard, driven as an operator does: the overview shows the node's clients and
/// activity, the client list finds a client and drops or ends its connection, the channel view
/// shows history and presence and publishes as the server, and a stranger sees none of it.
/// Each test starts a host of its own, so the counts it reads are its own.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, OperatorHostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<OperatorHostFixture>
{
    [Theory]
    [InlineData("operator")]
    [InlineData("operator/clients")]
    [InlineData("operator/channels?app=relay")]
    [InlineData("operator/applications")]
    [InlineData("operator/log")]
    public Task Stranger_IsSentToSignIn_FromEverySection(string path) => RunAsync(async newContext =>
    {
        var echo = await ThywillPage.OpenAsync(await newContext(), fixture.Host.AppUrl("echo"));
        var stranger = await (await newContext()).NewPageAsync();

        await stranger.GotoAsync(new Uri(fixture.Host.BaseAddress, path).ToString());

        Assert.Contains("/operator/sign-in", stranger.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(echo.ClientId, await stranger.ContentAsync(), StringComparison.Ordinal);
        await Expect(stranger.Locator("#operator-nav")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Overview_ShowsTheConnectedClient_AndWhatTheNodeDid() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(fixture.Settings);
        var echo = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));
        Assert.True((await echo.SendAsync("counted")).Ok);
        await echo.WaitForMessageAsync("m => m.data === 'counted'");
        var page = await SignedInPageAsync(newContext, host);

        await page.GotoAsync(new Uri(host.BaseAddress, "operator").ToString());

        await Expect(page.Locator("#operator-node-clients")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-total='deliveries']")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#operator-chart-clients [data-current]")).ToHaveAttributeAsync("data-current", "1");

        // A second client shows within the dashboard's pace, without a reload.
        await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));
        await Expect(page.Locator("#operator-node-clients")).ToHaveTextAsync("2");

        // docs/images/dashboard-overview.png is taken here: THYWILL_SCREENSHOT_DIR=docs/images.
        if (Environment.GetEnvironmentVariable("THYWILL_SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            await page.SetViewportSizeAsync(1280, 900);
            await page.WaitForTimeoutAsync(3000);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "dashboard-overview.png"), FullPage = true });
        }
    });

    [Fact]
    public Task Clients_OperatorFindsOne_DropsItsConnection_SeesItBack_ThenDisconnectsIt() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(fixture.Settings);
        var echo = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));
        var other = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));
        var page = await SignedInPageAsync(newContext, host);
        await page.GotoAsync(new Uri(host.BaseAddress, "operator/clients").ToString());
        await Expect(page.Locator("#operator-count")).ToHaveAttributeAsync("data-shown", "2");

        await page.FillAsync("#operator-search", echo.ClientId);
        await Expect(page.Locator("#operator-count")).ToHaveAttributeAsync("data-shown", "1");
        await page.ClickAsync($"[data-client-details='{echo.ClientId}']");
        await Expect(page.Locator($"#operator-client-details[data-client='{echo.ClientId}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#operator-client-channels [data-channel='$client:{echo.ClientId}']")).ToHaveCountAsync(1);

        // Dropped as a network failure would: the tab reconnects by itself, the same client.
        await echo.Page.EvaluateAsync("() => { window.__states = []; thywill.on('state', s => window.__states.push(s)); }");
        await page.ClickAsync($"[data-drop-client='{echo.ClientId}']");
        await echo.Page.WaitForFunctionAsync("() => window.__states.includes('reconnecting') && thywill.state === 'ready'");
        await Expect(page.Locator("#operator-clients [data-link]")).ToHaveAttributeAsync("data-link", "up");
        Assert.True((await echo.SendAsync("back")).Ok);

        // Disconnected for good: the tab says so, the list no longer has it, the other client is untouched.
        await page.ClickAsync($"[data-disconnect-client='{echo.ClientId}']");
        await echo.Page.WaitForFunctionAsync("() => thywill.state === 'disconnected'");
        await Expect(page.Locator("#operator-count")).ToHaveAttributeAsync("data-shown", "0");
        await Expect(page.Locator("#operator-client-gone")).ToBeVisibleAsync();
        Assert.Equal("ready", await other.Page.EvaluateAsync<string>("() => thywill.state"));
    });

    [Fact]
    public Task Channels_ShowHistoryAndPresence_AndTheOperatorPublishesAsTheServer() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(fixture.Settings);
        var ann = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        Assert.True((await ann.JoinAsync("room:dash", new { info = new { name = "ann" } })).GetProperty("ok").GetBoolean());
        Assert.True((await ann.PublishAsync("room:dash", "hello from ann")).GetProperty("ok").GetBoolean());
        var page = await SignedInPageAsync(newContext, host);

        await page.GotoAsync(new Uri(host.BaseAddress, "operator/channels?app=relay").ToString());
        await Expect(page.Locator("[data-open-channel='room:dash']")).ToBeVisibleAsync();
        await page.ClickAsync("[data-open-channel='room:dash']");

        var channel = page.Locator("#operator-channel[data-channel='room:dash']");
        await Expect(channel.Locator($"#operator-channel-presence [data-member='{ann.ClientId}']")).ToContainTextAsync("ann");
        await Expect(channel.Locator($"#operator-channel-members [data-member='{ann.ClientId}']")).ToHaveCountAsync(1);
        await Expect(channel.Locator("#operator-channel-history tbody tr")).ToHaveCountAsync(1);
        await Expect(channel.Locator("#operator-channel-history tbody tr")).ToContainTextAsync("hello from ann");

        // Not JSON: refused, nothing published.
        await page.FillAsync("#operator-publish-data", "{ not json");
        await page.ClickAsync("#operator-publish");
        await Expect(page.Locator("#operator-publish-result")).ToHaveAttributeAsync("data-ok", "false");
        await Expect(channel.Locator("#operator-channel-history tbody tr")).ToHaveCountAsync(1);

        await page.FillAsync("#operator-publish-data", """{ "text": "from the operator" }""");
        await page.ClickAsync("#operator-publish");
        await Expect(page.Locator("#operator-publish-result")).ToHaveAttributeAsync("data-ok", "true");
        var received = await ann.WaitForMessageAsync("m => m.data && m.data.text === 'from the operator'");
        Assert.Equal(2, received.GetProperty("offset").GetInt64());
        await Expect(channel.Locator("#operator-channel-history tbody tr[data-offset='2']")).ToContainTextAsync("server");

        // Clients' own channels are listed on request (not opened), and the page stays alive.
        await Expect(page.Locator("[data-framework-channel]")).ToHaveCountAsync(0);
        await page.ClickAsync("#operator-channel-framework");
        await Expect(page.Locator($"[data-framework-channel='$client:{ann.ClientId}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-open-channel='room:dash']")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Applications_ShowFrontEndsAndRulesInForce_AndTheLogShowsAWarning() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(fixture.Settings);

        // A forged resume token is logged as a warning.
        var echo = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("echo"));
        await echo.Page.EvaluateAsync("() => sessionStorage.setItem('thywill.resume.echo', 'CfDJ8forged' + 'A'.repeat(80))");
        await echo.ReloadAsync();
        var page = await SignedInPageAsync(newContext, host);

        await page.GotoAsync(new Uri(host.BaseAddress, "operator/applications").ToString());
        await Expect(page.Locator("[data-application='echo'] ~ [data-front-end]")).ToHaveAttributeAsync("data-front-end", "js");
        await Expect(page.Locator("[data-application='echo-razor'] ~ [data-front-end]")).ToHaveAttributeAsync("data-front-end", "razor");
        await Expect(page.Locator("[data-rules-of='relay'] [data-pattern='room:*']")).ToContainTextAsync("yes");

        await page.ClickAsync("[data-operator-section='log']");
        await Expect(page.Locator("#operator-log tbody tr", new() { HasText = "failed verification" })).ToHaveCountAsync(1);
    });

    private async Task<IPage> SignedInPageAsync(Func<Task<IBrowserContext>> newContext, ThywillTestHost host)
    {
        var context = await newContext();
        await fixture.SignInAsync(context, host);
        return await context.NewPageAsync();
    }
}
