using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Apps.Chat;

/// <summary>The server side of chat over the real channels, push and in-memory engine, without browsers.</summary>
public sealed class ChatApplicationTests : IAsyncLifetime
{
    private static readonly ChannelRule RoomRule = new("room:*", Join: true, Publish: false, Presence: true, 200, TimeSpan.FromDays(1), Archive: false, HistoryMaxBytes: 1 << 20);
    private static readonly ChannelRule PairRule = new("pair:*", Join: false, Publish: false, Presence: false, 100, TimeSpan.FromHours(1), Archive: false, HistoryMaxBytes: 1 << 20);

    // Chat archives its rooms, people's records and room directory; these services have no database schema, so configuration turns that off.
    private readonly ServiceProvider _services = TestServices.Build(
    [
        new("Thywill:Channels:PresenceGracePeriod", "00:00:00.100"),
        new("Thywill:Applications:chat:Channels:0:Pattern", "room:*"),
        new("Thywill:Applications:chat:Channels:0:Archive", "false"),
        new("Thywill:Applications:chat:Channels:1:Pattern", "person:*"),
        new("Thywill:Applications:chat:Channels:1:Archive", "false"),
        new("Thywill:Applications:chat:Channels:2:Pattern", "rooms"),
        new("Thywill:Applications:chat:Channels:2:Archive", "false"),
    ]);
    private readonly ClientInfo _ann = new(ChatApplication.Id, "ann-1", "s-ann", null);
    private readonly ClientInfo _annTab2 = new(ChatApplication.Id, "ann-2", "s-ann", null);
    private readonly ClientInfo _bob = new(ChatApplication.Id, "bob-1", "s-bob", null);
    private readonly ClientInfo _carol = new(ChatApplication.Id, "carol-1", "s-carol", null);

    // The catalog gives every application its push and channels, as the host does at start-up.
    private ChatApplication Chat => (ChatApplication)_services.GetRequiredService<IApplicationCatalog>().GetApplication(ChatApplication.Id)!;

    private IThywillChannels Channels => Chat.Channels;

    private IChannelBroker Engine => _services.GetRequiredService<IChannelBroker>();

    public async Task InitializeAsync()
    {
        foreach (var client in new[] { _ann, _annTab2, _bob, _carol })
        {
            await Chat.OnConnectedAsync(client, default);
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    // A client's channels but its person's (every tab is a member of its person's channel).
    private async Task<IReadOnlyList<string>> ConversationChannelsAsync(string clientId) =>
        [.. (await Channels.GetChannelsAsync(clientId)).Where(c => !c.StartsWith("person:", StringComparison.Ordinal))];

    [Theory]
    [InlineData("\"hello\"", "A chat message is a JSON object with a 'type'.")]
    [InlineData("{}", "A chat message needs a 'type'.")]
    [InlineData("{\"type\":5}", "'type' must be a string.")]
    [InlineData("{\"type\":\"shout\"}", "Chat does not know the message type 'shout'.")]
    [InlineData("{\"type\":\"nick\",\"name\":[\"Ann\"]}", "'name' must be a string.")]
    public async Task OnMessage_Malformed_IsRefusedWithAReason(string json, string reason)
    {
        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => SendRawAsync(_ann, json));

        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public async Task OnMessage_UnknownTypeThatIsLong_IsShortenedInTheReason()
    {
        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Of(new string('x', 500))));

        Assert.True(error.Message.Length < 100);
    }

    [Fact]
    public async Task Nickname_Valid_IsToldToEveryTabOfThePerson_AndKeptForNewOnes()
    {
        await Channels.JoinAsync(_annTab2.ClientId, "room:tea");

        await SendAsync(_ann, ChatRequest.Nickname("Ann"));

        Assert.Equal("Ann", Assert.IsType<NicknameEvent>(Assert.Single(await EventsAsync(ChannelKey.ForSession(ChatApplication.Id, "s-ann")))).Nickname);
        await Chat.OnConnectedAsync(_annTab2, default);
        await SendAsync(_annTab2, ChatRequest.Hello("n"));
        Assert.Equal("Ann", (await WelcomeOfAsync(_annTab2)).Nickname);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" Ann")]
    [InlineData("<script>")]
    [InlineData("1234567890123456789012345")]
    public async Task Nickname_Invalid_IsRefused_AndChangesNothing(string nickname)
    {
        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Nickname(nickname)));

        Assert.Empty(await EventsAsync(ChannelKey.ForSession(ChatApplication.Id, "s-ann")));
        await SendAsync(_ann, ChatRequest.Hello("n"));
        Assert.Null((await WelcomeOfAsync(_ann)).Nickname);
    }

    [Fact]
    public async Task Hello_RepeatsItsNonce_AndRefusesAnOverlongOne()
    {
        await SendAsync(_ann, ChatRequest.Hello("page-1"));
        Assert.Equal("page-1", (await WelcomeOfAsync(_ann)).Nonce);

        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Hello(new string('n', 65))));
    }

    [Fact]
    public async Task Say_InAJoinedRoom_IsPublishedWithTheAuthorsNameStampedByTheServer()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await Channels.JoinAsync(_ann.ClientId, "room:tea");

        await SendAsync(_ann, ChatRequest.Say("room:tea", "<b>hi</b>"));

        var publication = Assert.Single(await Channels.ReadHistoryAsync("room:tea", 10));
        var message = publication.Data.Deserialize<ChannelMessage>(JsonSerializerOptions.Web)!;
        Assert.Equal(("<b>hi</b>", "Ann", _ann.ClientId), (message.Text, message.Name, publication.From));
    }

    [Theory]
    [InlineData("room:elsewhere", "hi", "Join the room before writing in it.")]
    [InlineData("room:tea", "", "Type a message.")]
    [InlineData("lobby", "hi", "There is no such room.")]
    [InlineData("pair:someone-elses", "hi", "You are not talking to that stranger.")]
    public async Task Say_Refused_SaysWhy_AndPublishesNothing(string channel, string text, string reason)
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await Channels.JoinAsync(_ann.ClientId, "room:tea");

        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Say(channel, text)));

        Assert.Equal(reason, error.Message);
        Assert.Empty(await Channels.ReadHistoryAsync("room:tea", 10));
    }

    [Fact]
    public async Task Say_WithoutANickname_IsRefused()
    {
        await Channels.JoinAsync(_ann.ClientId, "room:tea");

        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Say("room:tea", "hi")));

        Assert.Equal("Choose a nickname first.", error.Message);
    }

    [Fact]
    public async Task Say_OnePastTheLimit_IsRefused_ExactlyAtTheLimit_Accepted()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await Channels.JoinAsync(_ann.ClientId, "room:tea");

        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Say("room:tea", new string('x', ChatLimits.MaxTextLength + 1))));
        await SendAsync(_ann, ChatRequest.Say("room:tea", new string('x', ChatLimits.MaxTextLength)));

        Assert.Single(await Channels.ReadHistoryAsync("room:tea", 10));
    }

    [Fact]
    public async Task Direct_ToAPerson_ReachesTheirSessionAndTheSenders_AndNobodyElse()
    {
        await NameEveryoneAsync();
        var annPerson = (await WelcomeOfAsync(_ann, hello: true)).Person;

        await SendAsync(_bob, ChatRequest.Direct(annPerson, "psst"));

        var toAnn = Assert.IsType<DirectMessageEvent>(Assert.Single(await DirectsAsync("s-ann")));
        Assert.Equal(("Bob", "Ann", "psst"), (toAnn.From.Name, toAnn.To.Name, toAnn.Text));
        Assert.Equal(toAnn, Assert.Single(await DirectsAsync("s-bob")));
        Assert.Empty(await DirectsAsync("s-carol"));
    }

    [Fact]
    public async Task Direct_ToAClientId_IsRefused_AndSendsNothing()
    {
        // A client id that leaked (a log line, a screenshot) is no address: only a person id is.
        await NameEveryoneAsync();

        var refused = await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Direct(_annTab2.ClientId, "via a tab")));

        Assert.Equal("There is nobody with that address.", refused.Message);
        Assert.Empty(await DirectsAsync("s-ann"));
        Assert.Empty(await DirectsAsync("s-bob"));
    }

    [Fact]
    public async Task Direct_Refused_SaysWhy_AndSendsNothing()
    {
        await SendAsync(_bob, ChatRequest.Nickname("Bob"));
        var bobPerson = (await WelcomeOfAsync(_bob, hello: true)).Person;
        var annPerson = (await WelcomeOfAsync(_ann, hello: true)).Person;

        Assert.Equal("Choose a nickname first.", (await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_carol, ChatRequest.Direct(bobPerson, "hi")))).Message);
        Assert.Equal("There is nobody with that address.", (await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Direct("s-ann", "hi")))).Message);
        Assert.Equal("You cannot send a direct message to yourself.", (await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Direct(bobPerson, "hi")))).Message);
        // Someone without a nickname has no record, so no node knows them by their id (nor can anyone
        // have learnt it: person ids are seen in rooms, which need a nickname).
        Assert.Equal("There is nobody with that address.", (await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Direct(annPerson, "hi")))).Message);

        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await Chat.OnDisconnectedAsync(_ann, default);
        await Chat.OnDisconnectedAsync(_annTab2, default);
        Assert.Equal("Ann is offline.", (await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Direct(annPerson, "hi")))).Message);

        Assert.Empty(await DirectsAsync("s-ann"));
        Assert.Empty(await DirectsAsync("s-bob"));
    }

    [Fact]
    public async Task AuthorizeChannel_Pairs_AreNeverForBrowsers()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));

        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "pair:x", PairRule with { Join = true }), default));
        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Publish, _ann, "pair:x", PairRule with { Publish = true }), default));
    }

    [Fact]
    public async Task AuthorizeChannel_RoomJoin_NeedsANicknameAndAValidName()
    {
        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", RoomRule), default));

        await SendAsync(_ann, ChatRequest.Nickname("Ann"));

        Assert.True(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", RoomRule), default));
        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:Tea", RoomRule), default));
        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", RoomRule with { Join = false }), default));
        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", null), default));
    }

    [Fact]
    public async Task AuthorizeChannel_RoomPublish_IsRefused_TextGoesThroughTheServer()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));

        Assert.False(await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Publish, _ann, "room:tea", RoomRule with { Publish = true }), default));
    }

    [Fact]
    public async Task AuthorizeChannel_ANewRoom_IsListedForEveryone_Once()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));

        await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", RoomRule), default);
        await Chat.AuthorizeChannelAsync(Request(ChannelOperation.Join, _ann, "room:tea", RoomRule), default);

        var rooms = Assert.IsType<RoomsEvent>(Assert.Single(await EventsAsync(ChannelKey.Broadcast(ChatApplication.Id))));
        Assert.Equal(["lobby", "tea"], rooms.Rooms);
    }

    [Fact]
    public async Task Hello_ListsRoomsListedThroughAnotherNode_FromTheDirectoryChannel()
    {
        // What another node's chat publishes when it lets someone into a new room; a malformed entry is skipped.
        await Channels.PublishAsync("rooms", new { type = "room", name = "elsewhere" });
        await Channels.PublishAsync("rooms", new { type = "room", name = "Not A Room" });

        await SendAsync(_ann, ChatRequest.Hello("n"));

        Assert.Equal(["lobby", "elsewhere"], (await WelcomeOfAsync(_ann)).Directory);
    }

    [Fact]
    public async Task Stranger_TwoAsk_ArePairedByTheServer_InAChannelOnlyTheyAreIn()
    {
        await SendAsync(_ann, ChatRequest.Of(ChatMessageTypes.Stranger));
        Assert.Equal(StrangerStates.Waiting, Assert.IsType<StrangerEvent>((await EventsAsync(_ann))[^1]).State);

        await SendAsync(_bob, ChatRequest.Of(ChatMessageTypes.Stranger));

        var paired = Assert.IsType<StrangerEvent>((await EventsAsync(_ann))[^1]);
        Assert.Equal(StrangerStates.Paired, paired.State);
        Assert.Equal(paired, (await EventsAsync(_bob))[^1]);
        Assert.Equal([paired.Channel!], await ConversationChannelsAsync(_ann.ClientId));
        Assert.Equal([paired.Channel!], await ConversationChannelsAsync(_bob.ClientId));
        Assert.Empty(await ConversationChannelsAsync(_carol.ClientId));

        await SendAsync(_bob, ChatRequest.Say(paired.Channel!, "hello"));
        var said = Assert.Single(await Channels.ReadHistoryAsync(paired.Channel!, 10)).Data.Deserialize<ChannelMessage>(JsonSerializerOptions.Web)!;
        Assert.Equal(("hello", null, null), (said.Text, said.Name, said.Person));
    }

    [Fact]
    public async Task Stranger_AskingTwice_IsRefused()
    {
        await SendAsync(_ann, ChatRequest.Of(ChatMessageTypes.Stranger));

        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_ann, ChatRequest.Of(ChatMessageTypes.Stranger)));
    }

    [Fact]
    public async Task Stranger_Kick_RemovesBoth_TellsTheOther_AndTheKickerWaitsAgain()
    {
        var pair = await PairAsync(_ann, _bob);

        await SendAsync(_ann, ChatRequest.Of(ChatMessageTypes.StrangerKick));

        Assert.Empty(await ConversationChannelsAsync(_ann.ClientId));
        Assert.Empty(await ConversationChannelsAsync(_bob.ClientId));
        Assert.Equal(new StrangerEvent(StrangerStates.Idle, pair, StrangerReasons.Kicked), (await EventsAsync(_bob))[^1]);
        var ann = await EventsAsync(_ann);
        Assert.Equal(new StrangerEvent(StrangerStates.Idle, pair, StrangerReasons.YouKicked), ann[^2]);
        Assert.Equal(new StrangerEvent(StrangerStates.Waiting), ann[^1]);
    }

    [Fact]
    public async Task Stranger_Leave_RemovesBoth_AndTellsThem()
    {
        var pair = await PairAsync(_ann, _bob);

        await SendAsync(_bob, ChatRequest.Of(ChatMessageTypes.StrangerLeave));

        Assert.Empty(await ConversationChannelsAsync(_ann.ClientId));
        Assert.Equal(new StrangerEvent(StrangerStates.Idle, pair, StrangerReasons.Left), (await EventsAsync(_ann))[^1]);
        Assert.Equal(new StrangerEvent(StrangerStates.Idle, pair, StrangerReasons.YouLeft), (await EventsAsync(_bob))[^1]);
        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Of(ChatMessageTypes.StrangerLeave)));
        await Assert.ThrowsAsync<MessageRejectedException>(() => SendAsync(_bob, ChatRequest.Of(ChatMessageTypes.StrangerKick)));
    }

    [Fact]
    public async Task Stranger_OneGonePastTheGracePeriod_EndsThePair()
    {
        var pair = await PairAsync(_ann, _bob);

        await Chat.OnDisconnectedAsync(_ann, default);

        // The pair's members leave its channel first and are told after: wait for the telling.
        var gone = new StrangerEvent(StrangerStates.Idle, pair, StrangerReasons.Gone);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await EventsAsync(_bob))[^1].Equals(gone) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(gone, (await EventsAsync(_bob))[^1]);
        Assert.Empty(await ConversationChannelsAsync(_bob.ClientId));
    }

    [Fact]
    public async Task Stranger_OneBackWithinTheGracePeriod_KeepsThePair()
    {
        await PairAsync(_ann, _bob);

        await Chat.OnDisconnectedAsync(_ann, default);
        await Chat.OnConnectedAsync(_ann, default);
        await Task.Delay(500);

        Assert.Single(await ConversationChannelsAsync(_bob.ClientId));
    }

    [Fact]
    public async Task Stranger_WaitingTabCloses_StopsWaiting()
    {
        await SendAsync(_ann, ChatRequest.Of(ChatMessageTypes.Stranger));

        await Chat.OnDisconnectedAsync(_ann, default);
        await SendAsync(_bob, ChatRequest.Of(ChatMessageTypes.Stranger));

        Assert.Equal(StrangerStates.Waiting, Assert.IsType<StrangerEvent>((await EventsAsync(_bob))[^1]).State);
    }

    [Fact]
    public async Task Hello_AfterAReload_ListsTheTabsRoomsAndStrangerState()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await Channels.JoinAsync(_ann.ClientId, "room:tea");
        var pair = await PairAsync(_ann, _bob);

        await SendAsync(_ann, ChatRequest.Hello("n"));

        var welcome = await WelcomeOfAsync(_ann);
        Assert.Equal(["tea"], welcome.Rooms);
        Assert.Equal(new StrangerEvent(StrangerStates.Paired, pair), welcome.Stranger);
    }

    private static ChannelAccessRequest Request(ChannelOperation operation, ClientInfo client, string channel, ChannelRule? rule) =>
        new(operation, client, channel, rule, default);

    private Task SendAsync(ClientInfo sender, ChatRequest request) =>
        Chat.OnMessageAsync(new ClientMessage("m-" + Guid.NewGuid().ToString("N"), sender, JsonSerializer.SerializeToElement(request, JsonSerializerOptions.Web), DateTimeOffset.UnixEpoch), default);

    private Task SendRawAsync(ClientInfo sender, string json) =>
        Chat.OnMessageAsync(new ClientMessage("m-raw", sender, JsonDocument.Parse(json).RootElement.Clone(), DateTimeOffset.UnixEpoch), default);

    private async Task NameEveryoneAsync()
    {
        await SendAsync(_ann, ChatRequest.Nickname("Ann"));
        await SendAsync(_bob, ChatRequest.Nickname("Bob"));
        await SendAsync(_carol, ChatRequest.Nickname("Carol"));
    }

    private async Task<string> PairAsync(ClientInfo first, ClientInfo second)
    {
        await SendAsync(first, ChatRequest.Of(ChatMessageTypes.Stranger));
        await SendAsync(second, ChatRequest.Of(ChatMessageTypes.Stranger));
        return Assert.IsType<StrangerEvent>((await EventsAsync(first))[^1]).Channel!;
    }

    private async Task<WelcomeEvent> WelcomeOfAsync(ClientInfo client, bool hello = false)
    {
        if (hello)
        {
            await SendAsync(client, ChatRequest.Hello("n"));
        }

        return (await EventsAsync(client)).OfType<WelcomeEvent>().Last();
    }

    private async Task<IReadOnlyList<object>> DirectsAsync(string sessionId) =>
        (await EventsAsync(ChannelKey.ForSession(ChatApplication.Id, sessionId))).OfType<DirectMessageEvent>().ToArray();

    private Task<IReadOnlyList<object>> EventsAsync(ClientInfo client) => EventsAsync(ChannelKey.ForClient(ChatApplication.Id, client.ClientId));

    // What the server pushed to a framework channel, read back as chat's events.
    private async Task<IReadOnlyList<object>> EventsAsync(ChannelKey channel) =>
        (await Engine.ReadHistoryAsync(channel, 0)).Publications.Select(p => Parse(p.Data)).ToArray();

    private static object Parse(JsonElement data) => data.GetProperty("type").GetString() switch
    {
        ChatMessageTypes.Welcome => data.Deserialize<WelcomeEvent>(JsonSerializerOptions.Web)!,
        ChatMessageTypes.Nickname => data.Deserialize<NicknameEvent>(JsonSerializerOptions.Web)!,
        ChatMessageTypes.Direct => data.Deserialize<DirectMessageEvent>(JsonSerializerOptions.Web)!,
        ChatMessageTypes.Stranger => data.Deserialize<StrangerEvent>(JsonSerializerOptions.Web)!,
        ChatMessageTypes.Rooms => data.Deserialize<RoomsEvent>(JsonSerializerOptions.Web)!,
        var other => throw new InvalidOperationException("Unexpected event " + other),
    };
}
