using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>"Talk to a stranger": the server pairs two waiting people in a private channel and ends it for both.</summary>
[Collection(E2ECollection.Name)]
public sealed class ChatStrangerTests(BrowserFixture browser, ChatHostFixture fixture) : ChatBrowserTest(browser, fixture), IClassFixture<ChatHostFixture>
{
    [Fact]
    public Task Stranger_PairsTwoWaitingPeople_AndKickOrLeaveEndsItForBoth() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        var carol = await ChatTab.OpenAsync(await newContext(), Host, "Carol");

        await ann.Page.ClickAsync("#chat-stranger-start");
        await Expect(ann.Stranger).ToHaveAttributeAsync("data-state", "waiting");
        await bob.Page.ClickAsync("#chat-stranger-start");
        await Expect(ann.Stranger).ToHaveAttributeAsync("data-state", "paired");
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "paired");
        var pair = await PairChannelAsync(ann);
        Assert.Equal(pair, await PairChannelAsync(bob));

        await ann.SayAsync("hi stranger");
        await Expect(bob.Texts).ToHaveTextAsync(["You are talking to a stranger. Say hi!", "hi stranger"]);
        await Expect(bob.Page.Locator("#chat-messages li .chat-from")).ToHaveTextAsync(["Stranger"]);
        await Expect(ann.Page.Locator("#chat-messages li .chat-from")).ToHaveTextAsync(["You"]);

        // Nobody's nickname reaches the stranger.
        await Expect(bob.Page.Locator("#chat-messages")).Not.ToContainTextAsync("Ann");

        // Bob sends Ann away: both are out of the channel, Ann is told, Bob waits for someone else.
        await bob.Page.ClickAsync("#chat-stranger-kick");
        await Expect(ann.Stranger).ToHaveAttributeAsync("data-state", "idle");
        await Expect(ann.Texts.Last).ToHaveTextAsync("The stranger ended the conversation.");
        await Expect(ann.Page.Locator("#chat-text input, input#chat-text")).ToBeDisabledAsync();
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "waiting");
        Assert.DoesNotContain(await ConversationChannelsAsync(ann.Tab.ClientId), c => c.StartsWith("pair:", StringComparison.Ordinal));
        Assert.DoesNotContain(await ConversationChannelsAsync(bob.Tab.ClientId), c => c.StartsWith("pair:", StringComparison.Ordinal));

        // Carol meets Bob, then leaves: Bob is told, and both are out.
        await carol.Page.ClickAsync("#chat-stranger-start");
        await Expect(carol.Stranger).ToHaveAttributeAsync("data-state", "paired");
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "paired");
        var second = await PairChannelAsync(carol);
        Assert.NotEqual(pair, second);
        Assert.Equal(second, await PairChannelAsync(bob));
        await Expect(ann.Stranger).ToHaveAttributeAsync("data-state", "idle");

        await carol.Page.ClickAsync("#chat-stranger-leave");
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "idle");
        await Expect(bob.Texts.Last).ToHaveTextAsync("The stranger left.");
        await Expect(carol.Stranger).ToHaveAttributeAsync("data-state", "idle");
        Assert.Empty(await ConversationChannelsAsync(carol.Tab.ClientId));
        Assert.Empty(await ConversationChannelsAsync(bob.Tab.ClientId));
    });

    [Fact]
    public Task TwoTabsOfOneBrowser_AreNeverPairedWithEachOther() => RunAsync(async newContext =>
    {
        var context = await newContext();
        var tab1 = await ChatTab.OpenAsync(context, Host, "Dee");
        var tab2 = await ChatTab.OpenAsync(context, Host, "Dee");

        await tab1.Page.ClickAsync("#chat-stranger-start");
        await tab2.Page.ClickAsync("#chat-stranger-start");

        await Expect(tab1.Stranger).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(tab2.Stranger).ToHaveAttributeAsync("data-state", "waiting");
        await tab1.Page.ClickAsync("#chat-stranger-leave");
        await tab2.Page.ClickAsync("#chat-stranger-leave");
        await Expect(tab2.Stranger).ToHaveAttributeAsync("data-state", "idle");
    });

    [Fact]
    public Task Browser_CannotJoinOrPublishToAPairItself() => RunAsync(async newContext =>
    {
        var ann = await ChatTab.OpenAsync(await newContext(), Host, "Ann");
        var bob = await ChatTab.OpenAsync(await newContext(), Host, "Bob");
        var eve = await ChatTab.OpenAsync(await newContext(), Host, "Eve");
        await ann.Page.ClickAsync("#chat-stranger-start");
        await bob.Page.ClickAsync("#chat-stranger-start");
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "paired");
        var pair = await PairChannelAsync(ann);

        Assert.Equal("no-permission", Code(await eve.Tab.JoinAsync(pair)));
        Assert.Equal("no-permission", Code(await eve.Tab.JoinAsync("pair:made-up")));
        Assert.Equal("rejected", (await eve.Tab.SendAsync(new { type = "say", channel = pair, text = "let me in" })).Code);

        // Even the pair's own members publish only through the server.
        Assert.Equal("no-permission", Code(await ann.Tab.PublishAsync(pair, new { type = "msg", text = "direct" })));

        Assert.Empty(await ConversationChannelsAsync(eve.Tab.ClientId));
        Assert.Empty(await Channels.ReadHistoryAsync(pair, 10));
        await ann.Page.ClickAsync("#chat-stranger-leave");
        await Expect(bob.Stranger).ToHaveAttributeAsync("data-state", "idle");
    });

    private static async Task<string> PairChannelAsync(ChatTab tab)
    {
        var item = tab.Page.Locator("#chat-conversations li[data-kind='stranger']");
        await Expect(item).ToHaveCountAsync(1);
        return (await item.GetAttributeAsync("data-conversation"))!;
    }
}
