using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Thywill.Blazor.Apps.Chat.Components;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.State;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;
using static Thywill.Blazor.Tests.Apps.Chat.ChatPublications;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class ChatPageTests : BunitContext
{
    private readonly FakeThywillClient _client = new();

    public ChatPageTests()
    {
        Services.AddMudServices();

        // MudBlazor's own components call its script (theme, inputs); chat itself uses no JavaScript.
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Render_Fresh_SaysHelloAndWaitsForTheWelcome()
    {
        var cut = RenderChat();

        var hello = Assert.IsType<ChatRequest>(Assert.Single(_client.Sent));
        Assert.Equal(ChatMessageTypes.Hello, hello.Type);
        Assert.False(string.IsNullOrEmpty(hello.Nonce));
        Assert.Equal("false", cut.Find("#chat").GetAttribute("data-welcomed"));
        Assert.Empty(cut.FindAll("#chat-nickname"));
        Assert.Equal((1, 1), (_client.HandlerCount, _client.PresenceHandlerCount));
    }

    [Fact]
    public async Task Welcome_NoNicknameYet_AsksForOne()
    {
        var cut = RenderChat();

        await PushAsync(cut, Welcome(nickname: null, nonce: HelloNonce));

        Assert.NotNull(cut.Find("#chat-nickname"));
        Assert.Empty(cut.FindAll("#chat-room-input"));
    }

    [Fact]
    public async Task SaveNickname_Invalid_SaysWhyAndSendsNothing()
    {
        var cut = await WelcomedAsync(nickname: null);

        cut.Find("#chat-nickname").Input("<b>");
        cut.Find("#chat-nickname-form").Submit();

        Assert.Contains("letters, digits", cut.Find("#chat-nickname-error").TextContent, StringComparison.Ordinal);
        Assert.Equal(ChatMessageTypes.Hello, Assert.IsType<ChatRequest>(Assert.Single(_client.Sent)).Type);
    }

    [Fact]
    public async Task SaveNickname_Valid_SendsItTrimmed()
    {
        var cut = await WelcomedAsync(nickname: null);

        cut.Find("#chat-nickname").Input("  Ann ");
        cut.Find("#chat-nickname-form").Submit();

        Assert.Equal(ChatRequest.Nickname("Ann"), _client.Sent[^1]);
    }

    [Fact]
    public async Task SaveNickname_RefusedByTheServer_ShowsTheReason()
    {
        _client.Respond = data => Task.FromResult(data is ChatRequest { Type: ChatMessageTypes.Nickname }
            ? SendResult.Refused(ErrorCodes.Rejected, "Not that one.")
            : SendResult.Accepted("m"));
        var cut = await WelcomedAsync(nickname: null);

        cut.Find("#chat-nickname").Input("Ann");
        cut.Find("#chat-nickname-form").Submit();

        Assert.Equal("Not that one.", cut.Find("#chat-error").TextContent.Trim());
        Assert.Equal("rejected", cut.Find("#chat-error").GetAttribute("data-code"));
        Assert.NotNull(cut.Find("#chat-nickname"));
    }

    [Fact]
    public async Task NicknameEvent_ShowsTheChat()
    {
        var cut = await WelcomedAsync(nickname: null);

        await PushAsync(cut, Event(new NicknameEvent("Ann")));

        Assert.Equal("Ann", cut.Find("#chat-me").TextContent);
        Assert.NotNull(cut.Find("#chat-room-input"));
    }

    [Fact]
    public async Task JoinRoom_Typed_JoinsItsChannelWithHistory_AndShowsIt()
    {
        AcceptJoins();
        var cut = await WelcomedAsync();

        cut.Find("#chat-room-input").Input(" Tea ");
        cut.Find("#chat-room-form").Submit();

        var (channel, options) = Assert.Single(_client.Joined);
        Assert.Equal("room:tea", channel);
        Assert.True(options!.History);
        Assert.Equal("tea", cut.Find("#chat-conversations li").GetAttribute("data-room"));
        Assert.Equal("room:tea", cut.Find("#chat-title").GetAttribute("data-conversation"));
        Assert.Equal(["Me"], cut.FindAll("#chat-presence .chat-presence-name").Select(e => e.TextContent));
    }

    [Fact]
    public async Task JoinRoom_OneAlreadyJoined_ShowsItWithoutJoiningAgain()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea", "cake");

        cut.Find("#chat-room-input").Input("tea");
        cut.Find("#chat-room-form").Submit();

        Assert.Equal(["room:tea", "room:cake"], _client.Joined.Select(j => j.Channel));
        Assert.Equal("room:tea", cut.Find("#chat-title").GetAttribute("data-conversation"));
    }

    [Fact]
    public async Task ChangeNickname_Accepted_ReturnsToTheChat()
    {
        var cut = await WelcomedAsync("Ann");
        cut.Find("#chat-nickname-change").Click();
        Assert.Equal("Ann", cut.Find("#chat-nickname").GetAttribute("value"));

        cut.Find("#chat-nickname").Input("Annie");
        cut.Find("#chat-nickname-form").Submit();

        Assert.Equal(ChatRequest.Nickname("Annie"), _client.Sent[^1]);
        Assert.Empty(cut.FindAll("#chat-nickname"));
    }

    [Fact]
    public async Task JoinRoom_InvalidName_SaysWhyAndJoinsNothing()
    {
        var cut = await WelcomedAsync();

        cut.Find("#chat-room-input").Input("tea time");
        cut.Find("#chat-room-form").Submit();

        Assert.Contains("lower-case letters", cut.Find("#chat-room-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(_client.Joined);
    }

    [Fact]
    public async Task JoinRoom_Refused_ShowsTheCode_AndNoConversation()
    {
        _client.RespondToJoin = (_, _) => Task.FromResult(SendResult.Refused(ErrorCodes.NoPermission, "No."));
        var cut = await WelcomedAsync();

        cut.Find("#chat-room-input").Input("tea");
        cut.Find("#chat-room-form").Submit();

        Assert.Equal("no-permission", cut.Find("#chat-error").GetAttribute("data-code"));
        Assert.Empty(cut.FindAll("#chat-conversations li"));
        Assert.NotNull(cut.Find("#chat-empty"));
    }

    [Fact]
    public async Task RoomMessage_WithMarkup_IsShownAsText()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea");

        await PushAsync(cut, Said("room:tea", 1, "<b>not bold</b>", "Bob", "person-bob"));

        Assert.Equal("<b>not bold</b>", cut.Find("#chat-messages li .chat-text").TextContent);
        Assert.Equal("Bob", cut.Find("#chat-messages li .chat-from").TextContent);
        Assert.Empty(cut.FindAll("#chat-messages b"));
    }

    [Fact]
    public async Task DirectMessages_FromMoreSendersThanTheCap_ShowAtMostTheCap_AndSaySo()
    {
        var cut = await WelcomedAsync();
        Assert.Equal($"At most {ChatState.MaxDirectConversations} direct conversations per tab.", cut.Find("#chat-conversations-bound").TextContent.Trim());

        var me = new ChatPersonRef(MyPerson, "Me");
        await PushAsync(cut, Enumerable.Range(0, ChatState.MaxDirectConversations + 3)
            .Select(i => Direct($"dm-{i}", new ChatPersonRef($"person-{i}", $"Sender {i}"), me, "hi"))
            .ToArray());

        Assert.Equal(ChatState.MaxDirectConversations, cut.FindAll("li[data-kind='direct']").Count);
        Assert.Equal($"At most {ChatState.MaxDirectConversations} direct conversations per tab; 3 quiet ones were closed.", cut.Find("#chat-conversations-bound").TextContent.Trim());
    }

    [Fact]
    public async Task RoomMessage_InARoomNotShown_CountsAsUnread_UntilShown()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea", "cake");

        await PushAsync(cut, Said("room:tea", 1, "one", "Bob", "person-bob"), Said("room:tea", 2, "two", "Bob", "person-bob"));
        Assert.Equal("2", cut.Find("#chat-unread-tea").TextContent);
        Assert.Empty(cut.FindAll("#chat-unread-cake"));

        cut.Find("li[data-room='tea'] .chat-conversation-select").Click();

        Assert.Empty(cut.FindAll(".chat-unread"));
        Assert.Equal(["one", "two"], cut.FindAll("#chat-messages .chat-text").Select(e => e.TextContent));
    }

    [Fact]
    public async Task LeaveRoom_Clicked_LeavesItsChannel_AndForgetsIt()
    {
        AcceptJoins();
        _client.RespondToLeave = channel => Task.FromResult(new SendResult { Ok = true, Channel = channel });
        var cut = await WithRoomsAsync("tea");

        cut.Find("[data-leave-room='room:tea']").Click();

        Assert.Equal(["room:tea"], _client.Left);
        Assert.Empty(cut.FindAll("#chat-conversations li"));
    }

    [Fact]
    public async Task Presence_OtherPerson_CanBeMessagedDirectly()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea");
        await PushPresenceAsync(cut, Presence("room:tea", "join", "bob-tab", "Bob", "person-bob"));
        Assert.Equal(["Bob", "Me"], cut.FindAll("#chat-presence .chat-presence-name").Select(e => e.TextContent));
        Assert.Single(cut.FindAll("#chat-presence [data-dm-person]"));

        cut.Find("[data-dm-person='person-bob']").Click();
        cut.Find("#chat-text").Input("psst");
        cut.Find("#chat-composer").Submit();

        Assert.Equal("dm:person-bob", cut.Find("#chat-title").GetAttribute("data-conversation"));
        Assert.Equal(ChatRequest.Direct("person-bob", "psst"), _client.Sent[^1]);
        Assert.Equal("", cut.Find("#chat-text").GetAttribute("value"));
    }

    [Fact]
    public async Task Say_InARoom_SendsToTheServerNotTheChannel()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea");

        cut.Find("#chat-text").Input("hello");
        cut.Find("#chat-composer").Submit();

        Assert.Equal(ChatRequest.Say("room:tea", "hello"), _client.Sent[^1]);
    }

    [Fact]
    public async Task Say_TooLong_SaysWhyAndSendsNothing()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea");
        var sent = _client.Sent.Count;

        cut.Find("#chat-text").Input(new string('x', 1001));
        cut.Find("#chat-composer").Submit();

        Assert.StartsWith("A message has at most 1000 characters", cut.Find("#chat-text-error").TextContent, StringComparison.Ordinal);
        Assert.Equal(sent, _client.Sent.Count);
    }

    [Fact]
    public async Task Say_Refused_KeepsTheText()
    {
        AcceptJoins();
        var cut = await WithRoomsAsync("tea");
        _client.Respond = _ => Task.FromResult(SendResult.Refused(ErrorCodes.RateLimited, "Slow down."));

        cut.Find("#chat-text").Input("hello");
        cut.Find("#chat-composer").Submit();

        Assert.Equal("hello", cut.Find("#chat-text").GetAttribute("value"));
        Assert.Equal("rate-limited", cut.Find("#chat-error").GetAttribute("data-code"));
    }

    [Fact]
    public async Task Welcome_WithRooms_JoinsThemAgainWithoutLeaving()
    {
        // The framework gave the reloaded page each room's history already; joining again only
        // returns the room's position and presence, and nobody sees this tab leave.
        AcceptJoins();
        var cut = RenderChat();

        await PushAsync(cut, Welcome(rooms: ["old"], nonce: "an-older-page"), Welcome(rooms: ["tea"], nonce: HelloNonce));

        await cut.WaitForAssertionAsync(() => Assert.Single(cut.FindAll("li[data-room='tea']")));
        Assert.Empty(_client.Left);
        Assert.True(Assert.Single(_client.Joined).Options!.History);
    }

    [Fact]
    public async Task RecoveryNotRecovered_InTheRoomShown_SaysOlderMessagesAreGone()
    {
        AcceptJoins();
        var cut = await WelcomedAsync();
        cut.Find("#chat-room-input").Input("tea");
        cut.Find("#chat-room-form").Submit();
        Assert.Equal("room:tea", cut.Find("#chat-title").GetAttribute("data-conversation"));
        Assert.Empty(cut.FindAll("#chat-history-incomplete"));

        await cut.InvokeAsync(() => _client.PushRecoveryAsync(new RecoveryEvent("room:tea", Recovered: false, "e1", FromOffset: 0, Delivered: 10)));
        cut.Render();

        await cut.WaitForAssertionAsync(() => Assert.Single(cut.FindAll("#chat-history-incomplete")));
    }

    [Fact]
    public async Task Stranger_FindPairedKick_DrivesTheServer()
    {
        var cut = await WelcomedAsync();

        cut.Find("#chat-stranger-start").Click();
        Assert.Equal(ChatRequest.Of(ChatMessageTypes.Stranger), _client.Sent[^1]);

        await PushAsync(cut, Event(new StrangerEvent(StrangerStates.Waiting)));
        Assert.Equal("waiting", cut.Find("#chat-stranger").GetAttribute("data-state"));

        await PushAsync(cut, Event(new StrangerEvent(StrangerStates.Paired, "pair:1")));
        Assert.Equal("paired", cut.Find("#chat-stranger").GetAttribute("data-state"));
        Assert.Equal("pair:1", cut.Find("#chat-title").GetAttribute("data-conversation"));

        cut.Find("#chat-stranger-kick").Click();
        Assert.Equal(ChatRequest.Of(ChatMessageTypes.StrangerKick), _client.Sent[^1]);

        await PushAsync(cut, Event(new StrangerEvent(StrangerStates.Idle, "pair:1", StrangerReasons.YouKicked)));
        Assert.True(cut.Find("#chat-send").HasAttribute("disabled"));
        Assert.Equal("You sent the stranger away.", cut.FindAll("#chat-messages .chat-text")[^1].TextContent);
    }

    [Fact]
    public async Task Dispose_Rendered_RemovesItsHandlers()
    {
        RenderChat();

        await DisposeComponentsAsync();

        Assert.Equal((0, 0), (_client.HandlerCount, _client.PresenceHandlerCount));
    }

    // The page's hello carries a fresh nonce; its welcome must repeat it.
    private string? HelloNonce => ((ChatRequest)_client.Sent[0]!).Nonce;

    private IRenderedComponent<ChatPage> RenderChat() =>
        Render<ChatPage>(parameters => parameters.AddCascadingValue<IThywillClient>(_client));

    private async Task<IRenderedComponent<ChatPage>> WelcomedAsync(string? nickname = "Me")
    {
        var cut = RenderChat();
        await PushAsync(cut, Welcome(nickname, nonce: HelloNonce));
        return cut;
    }

    private async Task<IRenderedComponent<ChatPage>> WithRoomsAsync(params string[] rooms)
    {
        var cut = await WelcomedAsync();
        foreach (var room in rooms)
        {
            cut.Find("#chat-room-input").Input(room);
            cut.Find("#chat-room-form").Submit();
        }

        return cut;
    }

    // Joins succeed at offset 0 with this tab alone in the room.
    private void AcceptJoins() =>
        _client.RespondToJoin = (channel, _) => Task.FromResult(new SendResult
        {
            Ok = true,
            Channel = channel,
            Epoch = "epoch-1",
            Offset = 0,
            Presence = [new PresenceView(Me, null, JsonSerializer.SerializeToElement(new ChatPresenceInfo("Me", MyPerson), JsonSerializerOptions.Web))],
        });

    // The client root dispatches a batch on the renderer's dispatcher, then re-renders.
    private async Task PushAsync(IRenderedComponent<ChatPage> cut, params Publication[] publications)
    {
        foreach (var publication in publications)
        {
            await cut.InvokeAsync(() => _client.PushAsync(publication));
        }

        cut.Render();
    }

    private async Task PushPresenceAsync(IRenderedComponent<ChatPage> cut, PresenceEvent presence)
    {
        await cut.InvokeAsync(() => _client.PushPresenceAsync(presence));
        cut.Render();
    }
}
