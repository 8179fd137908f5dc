using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.Channels;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Channels;

/// <summary>Relay: a configuration-only application — channels, presence, history and their errors.</summary>
[Collection(E2ECollection.Name)]
public sealed class RelayTests(BrowserFixture browser, RelayHostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<RelayHostFixture>
{
    private ThywillTestHost Host => fixture.Host;

    [Fact]
    public Task TwoBrowsers_ChatInARoom_AndSeeEachOtherComeAndGo() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        var bob = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));

        await JoinInThePageAsync(ann.Page, "room:tea", "Ann");
        await JoinInThePageAsync(bob.Page, "room:tea", "Bob");
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(bob.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann", "Bob"]);

        await bob.Page.FillAsync("#relay-text", "<i>hello</i> Ann");
        await bob.Page.ClickAsync("#relay-send-button");
        await Expect(ann.Page.Locator("#relay-messages li .text")).ToHaveTextAsync(["<i>hello</i> Ann"]);
        await Expect(ann.Page.Locator("#relay-messages li i")).ToHaveCountAsync(0);
        await Expect(ann.Page.Locator("#relay-messages li .from")).ToHaveTextAsync(["Bob:"]);

        // Bob goes away for good: after the grace period he leaves Ann's presence list.
        await bob.Page.CloseAsync();
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveTextAsync(["Ann"], new() { Timeout = 15_000 });
    });

    [Fact]
    public Task ShortBlip_IsNotALeave() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>(RelayHostFixture.Settings)
        {
            ["Thywill:Channels:PresenceGracePeriod"] = "00:00:05",
        });
        var ann = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        var bob = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        await ann.Page.EvaluateAsync("() => { window.__presence = []; thywill.on('presence', e => window.__presence.push(e.action + ':' + e.member.clientId)); }");
        await JoinInThePageAsync(ann.Page, "room:blip", "Ann");
        await JoinInThePageAsync(bob.Page, "room:blip", "Bob");
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveCountAsync(2);

        await bob.CutOffAsync(host);
        await Task.Delay(500);
        await bob.RestoreAsync();
        await bob.Page.FillAsync("#relay-text", "back");
        await bob.Page.ClickAsync("#relay-send-button");
        await Expect(ann.Page.Locator("#relay-messages li .text")).ToHaveTextAsync(["back"]);

        var presence = await ann.Page.EvaluateAsync<string[]>("() => window.__presence");
        Assert.DoesNotContain("leave:" + bob.ClientId, presence);
        await Expect(ann.Page.Locator("#relay-presence li")).ToHaveCountAsync(2);
    });

    [Fact]
    public Task LateJoiner_GetsTheRoomsHistory_InOrder() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        Assert.True((await ann.JoinAsync("room:history")).GetProperty("ok").GetBoolean());
        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await ann.PublishAsync("room:history", new { name = "Ann", text = "line " + i })).GetProperty("ok").GetBoolean());
        }

        var late = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        await JoinInThePageAsync(late.Page, "room:history", "Late");

        await Expect(late.Page.Locator("#relay-messages li .text")).ToHaveTextAsync(["line 1", "line 2", "line 3", "line 4", "line 5"]);
    });

    [Fact]
    public Task BadChannelOperations_GetNamedErrors_AndChangeNothing() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));

        Assert.Equal("not-found", Code(await tab.JoinAsync("lobby")));
        Assert.Equal("invalid-channel", Code(await tab.JoinAsync("$client:" + tab.ClientId)));
        Assert.Equal("invalid-channel", Code(await tab.JoinAsync("has space")));
        Assert.Equal("invalid-channel", Code(await tab.JoinAsync("room:" + new string('x', 200))));
        Assert.Equal("not-member", Code(await tab.PublishAsync("room:never-joined", "x")));
        Assert.Equal("not-found", Code(await tab.PublishAsync("lobby", "x")));

        Assert.True((await tab.JoinAsync("announce:news")).GetProperty("ok").GetBoolean());
        Assert.Equal("no-permission", Code(await tab.PublishAsync("announce:news", "x")));

        Assert.True((await tab.JoinAsync("room:big")).GetProperty("ok").GetBoolean());
        Assert.Equal("too-large", Code(await tab.PublishAsync("room:big", new string('x', 70_000))));

        // Nothing changed: the client is in exactly the channels it was allowed into, and the
        // refused publications were never published.
        var channels = Host.Services.GetRequiredService<Thywill.Blazor.Hosting.IThywillServer>().Channels("relay");
        Assert.Equal(["announce:news", "room:big"], await channels.GetChannelsAsync(tab.ClientId));
        Assert.Empty(await channels.ReadHistoryAsync("announce:news", 10));
        Assert.Empty(await channels.ReadHistoryAsync("room:big", 10));
        Assert.Contains("publish announce:news refused (no-permission)", Host.ReadLog(), StringComparison.Ordinal);
    });

    [Fact]
    public Task ServerPushes_ToASession_ReachEveryTabOfThatBrowser_AndNobodyElse() => RunAsync(async newContext =>
    {
        var annContext = await newContext();
        var annTab1 = await ThywillPage.OpenAsync(annContext, Host.AppUrl("relay"));
        var annTab2 = await ThywillPage.OpenAsync(annContext, Host.AppUrl("relay"));
        var bob = await ThywillPage.OpenAsync(await newContext(), Host.AppUrl("relay"));
        var directory = Host.Services.GetRequiredService<Thywill.Blazor.Clients.IClientDirectory>();
        var sessionId = directory.GetConnected("relay").Single(c => c.Client.ClientId == annTab1.ClientId).Client.SessionId;

        var push = Host.Services.GetRequiredService<Thywill.Blazor.Hosting.IThywillServer>().Push("relay");
        await push.SendToSessionAsync(sessionId, "for ann's tabs");
        await push.SendToClientAsync(bob.ClientId, "for bob");

        await annTab1.WaitForMessageAsync("m => m.data === \"for ann's tabs\"");
        await annTab2.WaitForMessageAsync("m => m.data === \"for ann's tabs\"");
        await bob.WaitForMessageAsync("m => m.data === 'for bob'");
        Assert.Single(await annTab1.ReceivedAsync());
        Assert.Single(await annTab2.ReceivedAsync());
        Assert.Single(await bob.ReceivedAsync());
    });

    private static string? Code(JsonElement result) =>
        result.GetProperty("ok").GetBoolean() ? null : result.GetProperty("code").GetString();

    private static async Task JoinInThePageAsync(IPage page, string room, string name)
    {
        await page.FillAsync("#relay-room-input", room);
        await page.FillAsync("#relay-name", name);
        await page.ClickAsync("#relay-join-button");
        await Expect(page.Locator("#thywill-app")).ToHaveAttributeAsync("data-joined", room);
    }
}
