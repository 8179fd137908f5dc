using System.Net;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// The operator surface is closed by default: without configured operators it does not exist, and
/// with them only a signed-in operator sees the node's clients or drops a connection.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class OperatorTests(BrowserFixture browser, OperatorHostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<OperatorHostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Theory]
    [InlineData("GET", "operator")]
    [InlineData("GET", "operator/sign-in")]
    [InlineData("POST", "operator/session")]
    [InlineData("POST", "operator/session/end")]
    public async Task NoOperatorConfigured_EveryOperatorPath_Is404(string method, string path)
    {
        await using var host = await ThywillTestHost.StartAsync<Program>();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public Task Stranger_IsSentToSignIn_AndSeesNoClient() => RunAsync(async newContext =>
    {
        var echo = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        var stranger = await (await newContext()).NewPageAsync();

        await stranger.GotoAsync(new Uri(Host.BaseAddress, "operator").ToString());

        Assert.Contains("/operator/sign-in", stranger.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(echo.ClientId, await stranger.ContentAsync(), StringComparison.Ordinal);
        await Expect(stranger.Locator("a[href='/operator']")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task WrongPassword_StaysOut() => RunAsync(async newContext =>
    {
        var page = await (await newContext()).NewPageAsync();
        await page.GotoAsync(new Uri(Host.BaseAddress, "operator/sign-in").ToString());
        await page.FillAsync("#operator-name", OperatorHostFixture.Name);
        await page.FillAsync("#operator-password", "not the password");
        await page.ClickAsync("#operator-sign-in-submit");

        await Expect(page.Locator("#operator-sign-in-failed")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(Host.BaseAddress, "operator").ToString());
        Assert.Contains("/operator/sign-in", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task SignedInOperator_SeesClients_DropsOne_AndSignsOut() => RunAsync(async newContext =>
    {
        var echo = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        var context = await newContext();
        await fixture.SignInAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Host.BaseAddress, "operator/clients").ToString());

        // The dashboard is not prerendered: its buttons appear with the page's circuit.
        var drop = page.Locator($"[data-drop-client='{echo.ClientId}']");
        await Expect(drop).ToBeEnabledAsync();

        // The tab comes back at once: its states are recorded rather than polled.
        await echo.Page.EvaluateAsync("() => { window.__states = []; thywill.on('state', s => window.__states.push(s)); }");
        await drop.ClickAsync();
        await echo.Page.WaitForFunctionAsync("() => window.__states.includes('reconnecting') && thywill.state === 'ready'");

        await page.ClickAsync("#operator-sign-out");
        await page.WaitForURLAsync(new Uri(Host.BaseAddress, "/").ToString());
        await page.GotoAsync(new Uri(Host.BaseAddress, "operator").ToString());
        Assert.Contains("/operator/sign-in", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task Health_SignedInOperatorSeesEachCheck_StrangerOnlyTheStatusWord() => RunAsync(async newContext =>
    {
        var ready = new Uri(Host.BaseAddress, "health/ready").ToString();
        var stranger = await (await newContext()).NewPageAsync();
        var context = await newContext();
        await fixture.SignInAsync(context);
        var page = await context.NewPageAsync();

        var plain = await stranger.APIRequest.GetAsync(ready);
        var detailed = await page.APIRequest.GetAsync(ready);

        Assert.Equal((200, "Healthy"), (plain.Status, await plain.TextAsync()));
        Assert.Equal(200, detailed.Status);
        var checks = (await detailed.JsonAsync())!.Value.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("thywill-database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("thywill-drain").GetProperty("status").GetString());
    });

    [Fact]
    public Task Prometheus_SignedInOperatorScrapesFromAnywhere_StrangerOutsideTheAllowedNetworksGets404() => RunAsync(async newContext =>
    {
        // Loopback taken off the allowed networks: the browsers here stand for strangers elsewhere.
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>(fixture.Settings) { ["Thywill:Metrics:AllowedNetworks:0"] = "10.0.0.0/8" });
        var (refused, answered) = await StrangerAndOperatorGetAsync(newContext, host, "metrics");

        Assert.Equal(404, refused.Status);
        Assert.DoesNotContain("thywill_", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(200, answered.Status);
        Assert.Contains("thywill_channels{", await answered.TextAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task SignInAttempts_OverTheAddressBudget_AreRefused429_EvenWithTheRightPassword() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>(fixture.Settings) { ["Thywill:Operator:SignInAttemptsPerMinute"] = "3" });
        var page = await (await newContext()).NewPageAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(302, (await TrySignInAsync(page, host, "not the password")).Status);
            await Expect(page.Locator("#operator-sign-in-failed")).ToBeVisibleAsync();
        }

        // The fourth attempt within the minute is refused before the password is looked at.
        var refused = await TrySignInAsync(page, host, fixture.Password);
        Assert.Equal(429, refused.Status);
        Assert.Equal("60", await refused.HeaderValueAsync("retry-after"));
        Assert.Contains("Too many sign-in attempts from this address", await refused.TextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(new Uri(host.BaseAddress, "operator").ToString());
        Assert.Contains("/operator/sign-in", page.Url, StringComparison.Ordinal);
        await host.WaitForLogAsync("Operator sign-in refused");
    });

    // The answer to the form's POST itself: a redirect for a checked attempt, 429 over the budget.
    private static async Task<IResponse> TrySignInAsync(IPage page, ThywillTestHost host, string password)
    {
        await page.GotoAsync(new Uri(host.BaseAddress, "operator/sign-in").ToString());
        await page.FillAsync("#operator-name", OperatorHostFixture.Name);
        await page.FillAsync("#operator-password", password);
        return await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#operator-sign-in-submit"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/operator/session", StringComparison.Ordinal));
    }

    // One request as a stranger, one as a signed-in operator, each with its browser context's cookies
    // (Chromium shows an empty 404 as a network error, so through the API, not a page load).
    private async Task<(IAPIResponse Stranger, IAPIResponse Operator)> StrangerAndOperatorGetAsync(Func<Task<IBrowserContext>> newContext, ThywillTestHost host, string path)
    {
        var url = new Uri(host.BaseAddress, path).ToString();
        var stranger = await (await newContext()).NewPageAsync();
        var context = await newContext();
        await fixture.SignInAsync(context, host);
        var page = await context.NewPageAsync();
        return (await stranger.APIRequest.GetAsync(url), await page.APIRequest.GetAsync(url));
    }
}
