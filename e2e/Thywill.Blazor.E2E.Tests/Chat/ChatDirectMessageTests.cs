using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>Direct messages: to a person, which is every tab of their browser, and to nobody else.</summary>
[Collection(E2ECollection.Name)]
public sealed class ChatDirectMessageTests(BrowserFixture browser, ChatHostFixture fixture) : ChatBrowserTest(browser, fixture), IClassFixture<ChatHostFixture>
{
    [Fact]
    public Task DirectMessage_ReachesEveryTabOfTheRecipient_AndNobodyElse() => RunAsync(async newContext =>
    {
        var annContext = await newContext();
        var annTab1 = await ChatTab.OpenAsync(annContext, Host, "Ann");
        var annTab2 = await ChatTab.OpenAsync(annContext, Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        var carol = await ChatTab.OpenAsync(await newContext(), Host, "Carol");

        // Ann's second tab is in no room at all: a direct message is for the person, not a room.
        await annTab1.JoinAsync("dm");
        await bob.JoinAsync("dm");
        await carol.JoinAsync("dm");
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob", "Carol"]);
        var annPerson = await bob.PersonIdAsync("Ann");
        var bobPerson = await annTab1.PersonIdAsync("Bob");

        await bob.OpenDirectAsync(annPerson);
        await bob.SayAsync("psst, <u>Ann</u>");

        // Both of Ann's tabs have it, waiting unread; Bob sees his own; Carol has nothing.
        foreach (var annTab in new[] { annTab1, annTab2 })
        {
            await Expect(annTab.Page.Locator($"#chat-unread-dm-{bobPerson}")).ToHaveTextAsync("1");
            await annTab.SelectAsync("dm:" + bobPerson);
            await Expect(annTab.Texts).ToHaveTextAsync(["psst, <u>Ann</u>"]);
            await Expect(annTab.Page.Locator("#chat-messages li .chat-from")).ToHaveTextAsync(["Bob"]);
        }

        await Expect(bob.Texts).ToHaveTextAsync(["psst, <u>Ann</u>"]);

        // Ann answers from her second tab: Bob gets it, and so does her first tab, as hers.
        await annTab2.SayAsync("hi Bob");
        await Expect(bob.Texts).ToHaveTextAsync(["psst, <u>Ann</u>", "hi Bob"]);
        await Expect(annTab1.Page.Locator("#chat-messages li[data-mine='true'] .chat-text")).ToHaveTextAsync(["hi Bob"]);

        await Expect(carol.Page.Locator("#chat-conversations li[data-kind='direct']")).ToHaveCountAsync(0);
        await Expect(carol.Texts).ToHaveCountAsync(0);
    });

    [Fact]
    public Task DirectMessages_ComeBackAfterAReload() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        await ann.JoinAsync("reload");
        await bob.JoinAsync("reload");
        await bob.SayAsync("in the room");
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        var annPerson = await bob.PersonIdAsync("Ann");
        await bob.OpenDirectAsync(annPerson);
        await bob.SayAsync("direct");

        await bob.Tab.ReloadAsync();

        // Same client, same person: the room is rejoined with its history, the direct message replayed (not as unread).
        await Expect(bob.Page.Locator("#chat-me")).ToHaveTextAsync("Bob");
        await Expect(bob.Page.Locator("#chat-conversations li[data-room='reload']")).ToHaveCountAsync(1);
        await bob.SelectAsync("room:reload");
        await Expect(bob.Texts).ToHaveTextAsync(["in the room"]);
        await bob.SelectAsync("dm:" + annPerson);
        await Expect(bob.Texts).ToHaveTextAsync(["direct"]);
        await Expect(bob.Page.Locator(".chat-unread")).ToHaveCountAsync(0);
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
    });
}
