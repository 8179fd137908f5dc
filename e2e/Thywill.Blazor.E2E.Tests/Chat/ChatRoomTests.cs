using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>Chat rooms: messages, presence, history and unread counts, through the page as people use it.</summary>
[Collection(E2ECollection.Name)]
public sealed class ChatRoomTests(BrowserFixture browser, ChatHostFixture fixture) : ChatBrowserTest(browser, fixture), IClassFixture<ChatHostFixture>
{
    [Fact]
    public Task TwoPeople_ChatInARoom_AndSeeEachOtherComeAndGo() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");

        await ann.JoinAsync("tea");
        await bob.JoinAsync("tea");
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await Expect(bob.Presence).ToHaveTextAsync(["Ann", "Bob"]);

        await bob.SayAsync("hello Ann");
        await Expect(ann.Texts).ToHaveTextAsync(["hello Ann"]);
        await Expect(ann.Page.Locator("#chat-messages li .chat-from")).ToHaveTextAsync(["Bob"]);
        await ann.SayAsync("hi Bob");
        await Expect(bob.Texts).ToHaveTextAsync(["hello Ann", "hi Bob"]);
        await Expect(bob.Page.Locator("#chat-messages li[data-mine='true'] .chat-text")).ToHaveTextAsync(["hello Ann"]);

        // Leaving with the × is immediate for the others.
        await bob.LeaveAsync("tea");
        await Expect(ann.Presence).ToHaveTextAsync(["Ann"]);

        // Back in, then gone for good: after the grace period Ann's list has only her.
        await bob.JoinAsync("tea");
        await Expect(ann.Presence).ToHaveTextAsync(["Ann", "Bob"]);
        await bob.Page.CloseAsync();
        await Expect(ann.Presence).ToHaveTextAsync(["Ann"], new() { Timeout = 15_000 });
    });

    [Fact]
    public Task HtmlInAMessage_IsShownAsText() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        await ann.JoinAsync("markup");
        await bob.JoinAsync("markup");
        await ann.Page.EvaluateAsync("() => { window.__alerted = false; window.alert = () => { window.__alerted = true; }; }");

        const string markup = "<b>bold</b> <img src=x onerror=\"alert(1)\"> <script>alert(2)</script>";
        await bob.SayAsync(markup);

        await Expect(ann.Texts).ToHaveTextAsync([markup]);
        await Expect(ann.Page.Locator("#chat-messages b, #chat-messages img, #chat-messages script")).ToHaveCountAsync(0);
        Assert.False(await ann.Page.EvaluateAsync<bool>("() => window.__alerted"));
    });

    [Fact]
    public Task LateJoiner_GetsTheRoomsHistory_InOrder_AndNotAsUnread() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        await ann.JoinAsync("history");
        for (var i = 1; i <= 3; i++)
        {
            await ann.SayAsync("line " + i);
        }

        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        await bob.JoinAsync("history");

        await Expect(bob.Texts).ToHaveTextAsync(["line 1", "line 2", "line 3"]);
        await Expect(bob.Page.Locator("#chat-unread-history")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task RoomHistory_SurvivesAHostRestart_FromTheArchive() => RunAsync(async newContext =>
    {
        var host = await ThywillTestHost.StartAsync<Program>(ChatHostFixture.Settings);
        try
        {
            var ann = await ChatTab.OpenAsync(await newContext(), host, "Ann");
            await ann.JoinAsync("archive");
            await ann.SayAsync("before the restart");
            await ann.SayAsync("<i>still</i> here");

            host = await host.RestartAsync();
            var bob = await ChatTab.OpenAsync(await newContext(), host, "Bob");
            await bob.JoinAsync("archive");

            await Expect(bob.Texts).ToHaveTextAsync(["before the restart", "<i>still</i> here"]);
            await Expect(bob.Page.Locator("#chat-messages li .chat-from")).ToHaveTextAsync(["Ann", "Ann"]);
        }
        finally
        {
            await host.DisposeAsync();
        }
    });

    [Fact]
    public Task Reload_RejoinsTheRoomsTheTabIsIn_AndNotOnesItLeft() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        await ann.JoinAsync("stay");
        await ann.JoinAsync("go");
        await ann.SayAsync("said in go");

        await ann.Tab.ReloadAsync();
        await Expect(ann.Page.Locator("#chat-conversations li")).ToHaveCountAsync(2);
        await ann.LeaveAsync("go");

        // The second reload is replayed the first page's welcome too, which still listed "go".
        await ann.Tab.ReloadAsync();
        await Expect(ann.Page.Locator("#chat-me")).ToHaveTextAsync("Ann");
        await Expect(ann.Page.Locator("#chat-conversations li")).ToHaveCountAsync(1);
        await Expect(ann.Page.Locator("#chat-conversations li[data-room='stay']")).ToHaveCountAsync(1);
        Assert.Equal(["room:stay"], await ConversationChannelsAsync(ann.Tab.ClientId));
    });

    [Fact]
    public Task UnreadCounters_CountWhatArrivesInConversationsNotShown() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        await ann.JoinAsync("unread-a");
        await bob.JoinAsync("unread-a");
        await bob.JoinAsync("unread-b");

        await ann.SayAsync("one");
        await ann.SayAsync("two");
        await Expect(bob.Page.Locator("#chat-unread-unread-a")).ToHaveTextAsync("2");
        await Expect(bob.Page.Locator("#chat-unread-unread-b")).ToHaveCountAsync(0);

        await bob.SelectAsync("room:unread-a");
        await Expect(bob.Texts).ToHaveTextAsync(["one", "two"]);
        await Expect(bob.Page.Locator("#chat-unread-unread-a")).ToHaveCountAsync(0);

        // One's own messages are never unread, in any tab.
        await bob.SayAsync("three");
        await Expect(ann.Texts).ToHaveTextAsync(["one", "two", "three"]);
        await Expect(bob.Page.Locator(".chat-unread")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task BadInput_IsRefusedWithAReason_AndChangesNothing() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        await ann.JoinAsync("rules");

        // The page checks what the server checks, before sending.
        await ann.Page.Locator("#chat-room-input").FillAsync("no spaces allowed");
        await ann.Page.ClickAsync("#chat-room-join");
        await Expect(ann.Page.Locator("#chat-room-error")).ToContainTextAsync("lower-case letters");
        await ann.Page.Locator("#chat-text").FillAsync(new string('x', ChatLimits.MaxTextLength + 1));
        await ann.Page.ClickAsync("#chat-send");
        await Expect(ann.Page.Locator("#chat-text-error")).ToContainTextAsync("at most 1000 characters");

        // The server refuses the same, and more, whoever sends it.
        Assert.Equal(("rejected", "A nickname may use letters, digits, spaces, '_', '.' and '-', and cannot start or end with a space."),
            Refusal(await ann.Tab.SendAsync(new { type = "nick", name = "<script>" })));
        Assert.Equal("rejected", (await ann.Tab.SendAsync(new { type = "nick", name = new string('n', 25) })).Code);
        Assert.StartsWith("A message has at most 1000 characters", (await ann.Tab.SendAsync(new { type = "say", channel = "room:rules", text = new string('x', 1001) })).Message, StringComparison.Ordinal);
        Assert.Equal("Type a message.", (await ann.Tab.SendAsync(new { type = "say", channel = "room:rules", text = "   " })).Message);
        Assert.Equal("Join the room before writing in it.", (await ann.Tab.SendAsync(new { type = "say", channel = "room:elsewhere", text = "hi" })).Message);
        Assert.Equal("There is nobody with that address.", (await ann.Tab.SendAsync(new { type = "dm", to = "nobody", text = "hi" })).Message);
        Assert.Equal("'text' must be a string.", (await ann.Tab.SendAsync(new { type = "say", channel = "room:rules", text = 5 })).Message);
        Assert.Equal("Chat does not know the message type 'shout'.", (await ann.Tab.SendAsync(new { type = "shout" })).Message);
        Assert.Equal("no-permission", Code(await ann.Tab.JoinAsync("room:UPPER")));
        Assert.Equal("invalid-channel", Code(await ann.Tab.JoinAsync("room:has space")));
        Assert.Equal("not-found", Code(await ann.Tab.JoinAsync("lobby")));

        // A browser cannot publish to a room itself (and so cannot write under another's name).
        Assert.Equal("no-permission", Code(await ann.Tab.PublishAsync("room:rules", new { type = "msg", name = "Bob", text = "forged" })));

        await Expect(ann.Page.Locator("#chat-me")).ToHaveTextAsync("Ann");
        Assert.Equal(["room:rules"], await ConversationChannelsAsync(ann.Tab.ClientId));
        Assert.Empty(await Channels.ReadHistoryAsync("room:rules", 10));
        Assert.Empty(await Channels.ReadHistoryAsync("room:elsewhere", 10));
    });

    private static (string?, string?) Refusal(SendOutcome outcome) => (outcome.Code, outcome.Message);
}
