using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary><c>thywill.state</c> follows the circuit; the default indicator shows it and can be replaced.</summary>
[Collection(E2ECollection.Name)]
public sealed class ConnectionStateTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task DroppedConnection_GoesThroughReconnectingAndResumed_WithTheDefaultIndicator() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        await tab.Page.EvaluateAsync("() => { window.__states = []; thywill.on('state', s => window.__states.push(s)); }");
        var indicator = tab.Page.Locator("#thywill-status");
        await Expect(indicator).ToHaveCountAsync(0);

        await tab.CutOffAsync(Host);
        await Expect(indicator).ToHaveAttributeAsync("data-state", "reconnecting");
        await tab.RestoreAsync();

        await Expect(indicator).ToHaveCountAsync(0);
        Assert.Equal(["reconnecting", "resumed", "ready"], await tab.Page.EvaluateAsync<string[]>("() => window.__states"));
        Assert.True((await tab.SendAsync("after")).Ok);
    });

    [Fact]
    public Task AnApplication_ReplacesTheIndicator() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        await tab.Page.EvaluateAsync("() => { window.__shown = []; thywill.indicator = (state) => window.__shown.push(state); }");

        await tab.CutOffAsync(Host);
        await tab.RestoreAsync();

        await Expect(tab.Page.Locator("#thywill-status")).ToHaveCountAsync(0);
        Assert.Equal(["reconnecting", "resumed", "ready"], await tab.Page.EvaluateAsync<string[]>("() => window.__shown"));
    });
}
