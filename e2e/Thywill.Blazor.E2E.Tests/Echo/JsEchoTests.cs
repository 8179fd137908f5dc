using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Echo;

/// <summary>The JavaScript echo application, driven as a person and as a JS author would.</summary>
[Collection(E2ECollection.Name)]
public sealed class JsEchoTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task SeedApi_TypedMessage_IsEchoedIntoTheOutput() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        await tab.Page.FillAsync("#echo-input", "hello, thywill");
        await tab.Page.ClickAsync("#echo-send");

        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["hello, thywill"]);
        await Expect(tab.Page.Locator("#echo-input")).ToHaveValueAsync("");
        await Expect(tab.Page.Locator("#client-id")).ToHaveTextAsync(tab.ClientId);
    });

    [Fact]
    public Task SeedApi_ConfigCarriesUuidAndContributedParameters() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        var config = await tab.Page.EvaluateAsync<System.Text.Json.JsonElement>("() => thywill.config");

        Assert.Equal(tab.ClientId, config.GetProperty("uuid").GetString());
        Assert.Equal("echo", config.GetProperty("applicationId").GetString());
        Assert.Equal(65536, config.GetProperty("bootstrap_parameters").GetProperty("maxMessageBytes").GetInt32());
        Assert.Equal(1, config.GetProperty("bootstrap_parameters").GetProperty("connectCount").GetInt32());
        var resources = config.GetProperty("bootstrap_resources").EnumerateArray().Select(r => r.GetProperty("resource").GetString()!).ToArray();
        Assert.Equal(["_content/Thywill.Blazor.Core/thywill.js"], resources);
        var appResources = config.GetProperty("application_resources").EnumerateArray().Select(r => r.GetProperty("resource").GetString()!).ToArray();
        Assert.Equal(["_content/Thywill.Blazor.Apps/echo/echo.css", "_content/Thywill.Blazor.Apps/echo/echo.js"], appResources);
        Assert.Equal("ready", await tab.Page.EvaluateAsync<string>("() => thywill.state"));
    });

    [Fact]
    public Task ModernApi_Send_ResolvesWithAcknowledgementAndEchoArrivesAsEnvelope() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        var ack = await tab.SendAsync("ping");
        var envelope = await tab.WaitForMessageAsync("m => m.data === 'ping'");

        Assert.True(ack.Ok, ack.Message);
        Assert.False(string.IsNullOrEmpty(ack.Id));
        Assert.Equal("$client:" + tab.ClientId, envelope.GetProperty("channel").GetString());
        Assert.Equal(1, envelope.GetProperty("offset").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, envelope.GetProperty("from").ValueKind);
        Assert.True(envelope.GetProperty("ts").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(envelope.GetProperty("id").GetString()));
    });

    [Fact]
    public Task ModernApi_StructuredData_RoundTripsWithItsType() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        Assert.True((await tab.SendAsync(new { n = 42, tags = new[] { "a", "b" } })).Ok);
        Assert.True((await tab.SendAsync("42")).Ok);

        var structured = await tab.WaitForMessageAsync("m => typeof m.data === 'object' && m.data.n === 42");
        var text = await tab.WaitForMessageAsync("m => m.data === '42'");
        Assert.Equal("b", structured.GetProperty("data").GetProperty("tags")[1].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, text.GetProperty("data").ValueKind);
        Assert.Equal(2, text.GetProperty("offset").GetInt64());
    });

    [Fact]
    public Task Reload_KeepsTheClientId_WhileAnotherBrowserOrTabGetsAnother() => RunAsync(async newContext =>
    {
        var context = await newContext();
        var tab = await ThywillPage.OpenAsync(context, Host.AppUrl("echo"));
        var firstId = tab.ClientId;

        var reloaded = await tab.ReloadAsync();
        var otherTab = await ThywillPage.OpenAsync(context, Host.AppUrl("echo"));
        var otherBrowser = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        Assert.Equal(firstId, tab.ClientId);
        Assert.True(reloaded.GetProperty("resumed").GetBoolean());
        Assert.Equal(2, reloaded.GetProperty("bootstrap_parameters").GetProperty("connectCount").GetInt32());
        Assert.NotEqual(firstId, otherTab.ClientId);
        Assert.NotEqual(firstId, otherBrowser.ClientId);
        Assert.NotEqual(otherTab.ClientId, otherBrowser.ClientId);
    });

    [Fact]
    public Task DuplicatedTab_GetsAClientOfItsOwn_WhileTheOriginalKeepsItsOwn() => RunAsync(async newContext =>
    {
        var context = await newContext();
        var original = await ThywillPage.OpenAsync(context, Host.AppUrl("echo"));

        // As the browser duplicates a tab: the new tab starts with a copy of the open tab's sessionStorage, token included.
        var storage = await original.Page.EvaluateAsync<string>("() => JSON.stringify(Object.fromEntries(Object.entries(sessionStorage)))");
        var copy = await context.NewPageAsync();
        await copy.AddInitScriptAsync($"for (const [k, v] of Object.entries({storage})) sessionStorage.setItem(k, v);");
        await copy.GotoAsync(Host.AppUrl("echo"));
        var config = await copy.EvaluateAsync<System.Text.Json.JsonElement>("() => thywill.ready()");

        Assert.NotEqual(original.ClientId, config.GetProperty("clientId").GetString());
        Assert.False(config.GetProperty("resumed").GetBoolean());
        Assert.Equal("ready", await original.Page.EvaluateAsync<string>("() => thywill.state"));
        Assert.True((await original.SendAsync("still mine")).Ok);
        await original.WaitForMessageAsync("m => m.data === 'still mine'");
    });

    [Fact]
    public Task ForgedResumeToken_GetsAFreshClient_NeverSomeoneElses() => RunAsync(async newContext =>
    {
        var victim = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        var victimToken = await victim.Page.EvaluateAsync<string>("() => sessionStorage.getItem('thywill.resume.echo')");
        var attacker = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));
        var attackerId = attacker.ClientId;

        // Another browser presents the victim's genuine token: it belongs to another session.
        await attacker.Page.EvaluateAsync("t => sessionStorage.setItem('thywill.resume.echo', t)", victimToken);
        await attacker.ReloadAsync();
        Assert.NotEqual(victim.ClientId, attacker.ClientId);

        // A tampered token is refused outright.
        await attacker.Page.EvaluateAsync("() => sessionStorage.setItem('thywill.resume.echo', 'CfDJ8forged' + 'A'.repeat(80))");
        await attacker.ReloadAsync();
        Assert.NotEqual(victim.ClientId, attacker.ClientId);
        Assert.NotEqual(attackerId, attacker.ClientId);
    });

    [Fact]
    public Task Echo_ReachesOnlyTheSender() => RunAsync(async newContext =>
    {
        var aliceContext = await newContext();
        var alice = await ThywillPage.OpenAsync(aliceContext, Host.AppUrl("echo"));
        var aliceOtherTab = await ThywillPage.OpenAsync(aliceContext, Host.AppUrl("echo"));
        var bob = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        Assert.True((await alice.SendAsync("from alice")).Ok);
        await alice.WaitForMessageAsync("m => m.data === 'from alice'");

        // Anything wrongly routed to the others was published before their own echo, so it would
        // have arrived first: after their own echo arrives, they must have nothing else.
        Assert.True((await bob.SendAsync("from bob")).Ok);
        Assert.True((await aliceOtherTab.SendAsync("from alice's other tab")).Ok);
        await bob.WaitForMessageAsync("m => m.data === 'from bob'");
        await aliceOtherTab.WaitForMessageAsync("m => m.data === \"from alice's other tab\"");

        Assert.Equal(["from alice"], (await alice.ReceivedAsync()).Select(m => m.GetProperty("data").GetString()));
        Assert.Equal(["from bob"], (await bob.ReceivedAsync()).Select(m => m.GetProperty("data").GetString()));
        Assert.Equal(["from alice's other tab"], (await aliceOtherTab.ReceivedAsync()).Select(m => m.GetProperty("data").GetString()));
    });

    [Fact]
    public Task OversizedMessage_IsRejectedAsTooLarge_AndThePageKeepsWorking() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        var tooLarge = await tab.SendAsync(new string('x', 70_000));
        // Over SignalR's default 32 KB hub limit but within ours: must pass without killing the circuit.
        var large = await tab.SendAsync(new string('y', 50_000));
        var small = await tab.SendAsync("still alive");

        Assert.False(tooLarge.Ok);
        Assert.Equal("too-large", tooLarge.Code);
        Assert.True(large.Ok, large.Message);
        Assert.True(small.Ok, small.Message);
        await tab.WaitForMessageAsync("m => m.data === 'still alive'");
        var received = await tab.ReceivedAsync();
        Assert.Equal(2, received.Length);
        Assert.Equal(50_000, received[0].GetProperty("data").GetString()!.Length);
        Assert.Equal("ready", await tab.Page.EvaluateAsync<string>("() => thywill.state"));
    });

    [Fact]
    public Task SeedApi_OversizedMessage_ReachesSendOnErrorWithTooLarge() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        await tab.Page.FillAsync("#echo-input", new string('z', 66_000));
        await tab.Page.ClickAsync("#echo-send");

        await Expect(tab.Page.Locator("#echo-error")).ToContainTextAsync("too-large");
        await tab.Page.FillAsync("#echo-input", "after the error");
        await tab.Page.ClickAsync("#echo-send");
        await Expect(tab.Page.Locator("#echo-output li")).ToHaveTextAsync(["after the error"]);
    });

    [Fact]
    public Task BrowserErrors_AreForwardedToTheServerLog() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("echo"));

        await tab.Page.EvaluateAsync("() => { setTimeout(() => { throw new Error('boom-from-the-page'); }, 0); }");
        await tab.Page.EvaluateAsync("() => { Promise.reject(new Error('rejected-in-the-page')); }");

        await WaitUntilAsync(() => Host.ReadLog().Contains("rejected-in-the-page", StringComparison.Ordinal));
        var log = Host.ReadLog();
        Assert.Contains("boom-from-the-page", log, StringComparison.Ordinal);
        Assert.Contains(tab.ClientId, log, StringComparison.Ordinal);
    });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 10 s.");
            }

            await Task.Delay(100);
        }
    }
}
