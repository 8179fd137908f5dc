using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>
/// A Razor tab reloads like a JavaScript one: it keeps its rooms and its place in them, nobody sees
/// it leave, and the new page gets each room's history once, in order, then what is live.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ChatReloadTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    // A grace period far longer than the test's cut-off: a leave could only come from the reload itself.
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Thywill:Channels:PresenceGracePeriod"] = "00:00:30",
    };

    // Rooms keep ten messages and no archive: a tab away for longer loses the older ones. Configuration
    // overrides the rule chat declares for room:* setting by setting (join and presence stay as declared).
    private static readonly IReadOnlyDictionary<string, string?> SmallRooms = new Dictionary<string, string?>(Settings)
    {
        ["Thywill:Applications:chat:Channels:0:Pattern"] = "room:*",
        ["Thywill:Applications:chat:Channels:0:HistorySize"] = "10",
        ["Thywill:Applications:chat:Channels:0:Archive"] = "false",
    };

    [Fact]
    public Task Reload_TheOthersNeverSeeTheTabLeave_AndItShowsEveryMessageOnceInOrder() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(Settings);
        var ann = await ChatTab.OpenAsync(await newContext(), host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), host, "Bob");
        await ann.JoinAsync("tea");
        await bob.JoinAsync("tea");
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await bob.SayAsync("before 1");
        await ann.SayAsync("before 2");
        await Expect(ann.Texts).ToHaveTextAsync(["before 1", "before 2"]);

        // Bob's page counts every moment its presence list is without Ann, and every entry that appears.
        await bob.Page.EvaluateAsync(
            """
            () => {
                const names = () => Array.from(document.querySelectorAll('#chat-presence li .chat-presence-name')).map(e => e.textContent.trim());
                window.__annMissing = 0;
                window.__presenceAdded = 0;
                new MutationObserver((mutations) => {
                    if (!names().includes('Ann')) window.__annMissing++;
                    for (const m of mutations) for (const n of m.addedNodes) if (n.nodeType === 1 && n.matches?.('li')) window.__presenceAdded++;
                }).observe(document.querySelector('#chat-presence'), { childList: true, subtree: true, characterData: true });
            }
            """);

        // Ann is cut off, Bob writes, Ann reloads: what Bob wrote meanwhile must reach her new page too.
        await ann.Tab.CutOffAsync(host);
        await bob.SayAsync("during 1");
        await bob.SayAsync("during 2");
        await ann.Page.Context.UnrouteAsync("**/_blazor/negotiate**");
        var config = await ann.Tab.ReloadAsync();
        Assert.True(config.GetProperty("resumed").GetBoolean());

        await Expect(ann.Page.Locator("#chat")).ToHaveAttributeAsync("data-welcomed", "true");
        await Expect(ann.Page.Locator("#chat-title")).ToHaveAttributeAsync("data-conversation", "room:tea");
        await bob.SayAsync("after");
        await Expect(ann.Texts).ToHaveTextAsync(["before 1", "before 2", "during 1", "during 2", "after"]);
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);

        Assert.Equal(0, await bob.Page.EvaluateAsync<int>("() => window.__annMissing"));
        Assert.Equal(0, await bob.Page.EvaluateAsync<int>("() => window.__presenceAdded"));
        Assert.Equal(0, await ann.Page.Locator("#chat-history-incomplete").CountAsync());
    });

    [Fact]
    public Task CutOffPastTheRetention_TheTabIsToldAndShowsWhatTheRoomStillKeeps() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(SmallRooms);
        var ann = await ChatTab.OpenAsync(await newContext(), host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), host, "Bob");
        await ann.JoinAsync("busy");
        await bob.JoinAsync("busy");
        await bob.SayAsync("m0");
        await Expect(ann.Texts).ToHaveTextAsync(["m0"]);

        await ann.Tab.CutOffAsync(host);
        for (var i = 1; i <= 30; i++)
        {
            await bob.SayAsync("m" + i);
        }

        await ann.Page.Context.UnrouteAsync("**/_blazor/negotiate**");
        await ann.Tab.ReloadAsync();

        await Expect(ann.Page.Locator("#chat-history-incomplete")).ToBeVisibleAsync();
        await Expect(ann.Texts).ToHaveTextAsync(Enumerable.Range(21, 10).Select(i => "m" + i).ToArray());
        await bob.SayAsync("live");
        await Expect(ann.Texts.Last).ToHaveTextAsync("live");
    });
}
