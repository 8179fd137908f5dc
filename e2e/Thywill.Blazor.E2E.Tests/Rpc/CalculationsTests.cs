using System.Text.Json;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Rpc;

/// <summary>Calculations: remote procedure calls from JavaScript, and every way a call can fail.</summary>
[Collection(E2ECollection.Name)]
public sealed class CalculationsTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task Buttons_CallTheServer_AndShowResultsAndNamedErrors() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("calculations"));

        await tab.Page.ClickAsync("#calc-add");
        await Expect(tab.Page.Locator("li[data-call='add']")).ToHaveTextAsync("6 + 7 = 13");
        await tab.Page.FillAsync("#calc-a", "360");
        await tab.Page.ClickAsync("#calc-factorize");
        await Expect(tab.Page.Locator("li[data-call='factorize']")).ToHaveTextAsync("factors of 360 = [2,2,2,3,3,5]");
        await tab.Page.ClickAsync("#calc-secret");
        await Expect(tab.Page.Locator("li[data-call='secret']")).ToHaveAttributeAsync("data-outcome", "no-permission");
    });

    [Fact]
    public Task EveryErrorCode_ReachesTheCaller() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("calculations"));

        Assert.Equal(13, (await CallAsync(tab, "add", 6, 7)).GetProperty("result").GetDouble());
        Assert.Equal(9, (await CallAsync(tab, "slowSquare", 3, 200)).GetProperty("result").GetDouble());
        Assert.Equal("not-found", Code(await CallAsync(tab, "noSuchFunction")));
        Assert.Equal("no-permission", Code(await CallAsync(tab, "secret")));
        Assert.Equal("invalid-argument", Code(await CallAsync(tab, "add", "six", 7)));
        Assert.Equal("invalid-argument", Code(await CallAsync(tab, "add", 1)));
        Assert.Equal("invalid-argument", Code(await CallAsync(tab, "factorize", 1)));
        Assert.Equal("timeout", Code(await CallAsync(tab, "slowSquare", 3, 5000)));

        var failed = await CallAsync(tab, "divide", 1, 0);
        Assert.Equal("failed", Code(failed));
        Assert.DoesNotContain("DivideByZero", failed.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("DivideByZeroException", Host.ReadLog(), StringComparison.Ordinal);
    });

    [Fact]
    public Task CallInFlight_WhenTheConnectionDrops_RejectsWithDisconnected() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("calculations"));
        await tab.Page.EvaluateAsync("() => { window.__slow = thywill.call('slowSquare', 3, 1500).then(r => 'ok:' + r, e => e.code); }");

        await tab.CutOffAsync(Host);
        var outcome = await tab.Page.EvaluateAsync<string>("() => window.__slow");
        var whileAway = Code(await CallAsync(tab, "add", 1, 2));
        await tab.RestoreAsync();

        Assert.Equal("disconnected", outcome);
        Assert.Equal("disconnected", whileAway);
        Assert.Equal(3, (await CallAsync(tab, "add", 1, 2)).GetProperty("result").GetDouble());
    });

    [Fact]
    public Task CallInFlight_WhenTheClientGoesAway_IsCancelledOnTheServer() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("calculations"));
        await tab.Page.EvaluateAsync("() => { thywill.call('slowSquare', 4, 1800); }");
        await Task.Delay(300);

        await tab.Page.CloseAsync();

        await Host.WaitForLogAsync($"Call from calculations/{tab.ClientId} to slowSquare cancelled: the client went away");
    });

    private static Task<JsonElement> CallAsync(ThywillPage tab, string name, params object[] args) =>
        tab.Page.EvaluateAsync<JsonElement>(
            "async ([name, args]) => { try { return { ok: true, result: await thywill.call(name, ...args) }; } catch (e) { return { ok: false, code: e.code, message: e.message }; } }",
            new object[] { name, args });

    private static string? Code(JsonElement result) =>
        result.GetProperty("ok").GetBoolean() ? null : result.GetProperty("code").GetString();
}
