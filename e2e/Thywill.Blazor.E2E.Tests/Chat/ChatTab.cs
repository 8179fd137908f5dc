using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>One chat tab, driven the way a person would: through the page's fields and buttons.</summary>
public sealed class ChatTab
{
    private ChatTab(ThywillPage tab) => Tab = tab;

    /// <summary>The Thywill page underneath (client id, thywill.js helpers).</summary>
    public ThywillPage Tab { get; }

    /// <summary>The Playwright page.</summary>
    public IPage Page => Tab.Page;

    /// <summary>The lines' texts in the conversation shown.</summary>
    public ILocator Texts => Page.Locator("#chat-messages li .chat-text");

    /// <summary>The names of the people in the room shown.</summary>
    public ILocator Presence => Page.Locator("#chat-presence li .chat-presence-name");

    /// <summary>The stranger panel (its <c>data-state</c> is idle, waiting or paired).</summary>
    public ILocator Stranger => Page.Locator("#chat-stranger");

    /// <summary>
    /// Opens chat in a new tab of <paramref name="context"/> and waits for the server's welcome; chooses
    /// <paramref name="nickname"/> when the browser has none yet.
    /// </summary>
    /// <param name="context">The browser context (one per person).</param>
    /// <param name="host">The host.</param>
    /// <param name="nickname">The nickname.</param>
    public static Task<ChatTab> OpenAsync(IBrowserContext context, ThywillTestHost host, string nickname) =>
        OpenAsync(context, host.AppUrl("chat"), nickname);

    /// <summary>Opens chat at <paramref name="url"/> (a node of a cluster, its balancer) as <see cref="OpenAsync(IBrowserContext, ThywillTestHost, string)"/> does.</summary>
    /// <param name="context">The browser context (one per person).</param>
    /// <param name="url">Chat's init page.</param>
    /// <param name="nickname">The nickname.</param>
    public static async Task<ChatTab> OpenAsync(IBrowserContext context, string url, string nickname) =>
        await FromAsync(await ThywillPage.OpenAsync(context, url), nickname);

    /// <summary>Chat on a page already open (through a cluster's balancer, say), as <see cref="OpenAsync(IBrowserContext, string, string)"/> does.</summary>
    /// <param name="page">The page.</param>
    /// <param name="nickname">The nickname.</param>
    public static async Task<ChatTab> FromAsync(ThywillPage page, string nickname)
    {
        var chat = new ChatTab(page);
        await Expect(chat.Page.Locator("#chat")).ToHaveAttributeAsync("data-welcomed", "true");
        if (await chat.Page.Locator("#chat-nickname").CountAsync() > 0)
        {
            await chat.Page.Locator("#chat-nickname").FillAsync(nickname);
            await chat.Page.ClickAsync("#chat-nickname-save");
        }

        await Expect(chat.Page.Locator("#chat-me")).ToHaveTextAsync(nickname);
        return chat;
    }

    /// <summary>
    /// Opens chat in a new tab of a browser whose person has chosen a nickname already (in another
    /// tab, maybe on another node): welcomed as <paramref name="nickname"/> without being asked.
    /// </summary>
    /// <param name="context">The person's browser context.</param>
    /// <param name="url">Chat's init page.</param>
    /// <param name="nickname">The nickname the person has.</param>
    public static async Task<ChatTab> OpenKnownAsync(IBrowserContext context, string url, string nickname)
    {
        var chat = new ChatTab(await ThywillPage.OpenAsync(context, url));
        await Expect(chat.Page.Locator("#chat")).ToHaveAttributeAsync("data-welcomed", "true");
        await Expect(chat.Page.Locator("#chat-me")).ToHaveTextAsync(nickname);
        await Expect(chat.Page.Locator("#chat-nickname")).ToHaveCountAsync(0);
        return chat;
    }

    /// <summary>Creates or joins a room through the room box, and waits until it is shown.</summary>
    /// <param name="room">The room name.</param>
    public async Task JoinAsync(string room)
    {
        await Page.Locator("#chat-room-input").FillAsync(room);
        await Page.ClickAsync("#chat-room-join");
        await Expect(Page.Locator($"#chat-conversations li[data-room='{room}']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#chat-title")).ToHaveAttributeAsync("data-conversation", "room:" + room);
    }

    /// <summary>Leaves a room with its × button.</summary>
    /// <param name="room">The room name.</param>
    public async Task LeaveAsync(string room)
    {
        await Page.ClickAsync($"[data-leave-room='room:{room}']");
        await Expect(Page.Locator($"#chat-conversations li[data-room='{room}']")).ToHaveCountAsync(0);
    }

    /// <summary>Shows a conversation.</summary>
    /// <param name="key">Its key: <c>room:tea</c>, <c>dm:{person}</c>, <c>pair:…</c>.</param>
    public async Task SelectAsync(string key)
    {
        await Page.ClickAsync($"#chat-conversations li[data-conversation='{key}'] .chat-conversation-select");
        await Expect(Page.Locator("#chat-title")).ToHaveAttributeAsync("data-conversation", key);
    }

    /// <summary>
    /// Opens the direct conversation with someone in the room's presence list, and waits until it is
    /// shown (a text typed before would go to the box of the conversation it replaces).
    /// </summary>
    /// <param name="person">Their person id (as <see cref="PersonIdAsync"/> reads it).</param>
    public async Task OpenDirectAsync(string? person)
    {
        Assert.False(string.IsNullOrEmpty(person), "Nobody to write to: the presence list gave no person id.");
        await Page.ClickAsync($"#chat-presence [data-dm-person='{person}']");
        await Expect(Page.Locator("#chat-title")).ToHaveAttributeAsync("data-conversation", "dm:" + person);
    }

    /// <summary>Writes in the conversation shown and waits until the server accepted it (the box is cleared).</summary>
    /// <param name="text">The text.</param>
    public async Task SayAsync(string text)
    {
        var box = Page.Locator("#chat-text");
        await box.FillAsync(text);
        await Page.ClickAsync("#chat-send");
        await Expect(box).ToHaveValueAsync("");
    }

    /// <summary>The person id of someone in the room's presence list.</summary>
    /// <param name="name">Their nickname.</param>
    public Task<string?> PersonIdAsync(string name) =>
        Page.Locator("#chat-presence li").Filter(new() { Has = Page.Locator(".chat-presence-name", new() { HasTextString = name }) })
            .GetAttributeAsync("data-person");
}
