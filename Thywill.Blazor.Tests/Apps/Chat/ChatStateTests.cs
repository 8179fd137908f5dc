using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.State;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using static Thywill.Blazor.Tests.Apps.Chat.ChatPublications;

namespace Thywill.Blazor.Tests.Apps.Chat;

public sealed class ChatStateTests
{
    private static readonly ChatPersonRef MeRef = new(MyPerson, "Me");
    private static readonly ChatPersonRef Bob = new("person-bob", "Bob");

    private readonly ChatState _state = new(Me, Nonce);

    private static ChatPersonRef Sender(int i) => new($"person-{i}", $"Sender {i}");

    [Fact]
    public void Apply_Welcome_KnowsWhoItIs()
    {
        var welcome = _state.Apply(Welcome("Ann"));

        Assert.IsType<WelcomeEvent>(welcome);
        Assert.True(_state.Welcomed);
        Assert.Equal((MyPerson, "Ann"), (_state.PersonId, _state.Nickname));
        Assert.Equal(["lobby"], _state.Directory);
    }

    [Fact]
    public void Apply_AnOlderWelcomeReplayedToAReloadedTab_IsNotThisPagesWelcome()
    {
        Assert.Null(_state.Apply(Welcome("Old name", rooms: ["left-since"], nonce: "an-older-page")));
        Assert.Null(_state.Apply(Event(new StrangerEvent(StrangerStates.Paired, "pair:old"))));
        Assert.False(_state.Welcomed);

        _state.Apply(Welcome("Ann"));

        Assert.Equal("Ann", _state.Nickname);
        Assert.Empty(_state.Conversations);
        Assert.Equal(StrangerStates.Idle, _state.StrangerState);
    }

    [Fact]
    public void Apply_AnotherWelcomeAfterThisPagesOwn_IsIgnored()
    {
        _state.Apply(Welcome("Ann"));

        Assert.Null(_state.Apply(Welcome("Someone else")));

        Assert.Equal("Ann", _state.Nickname);
    }

    [Fact]
    public void Apply_DirectMessagesBeforeTheWelcome_AreKeptAsHistory_NotUnread()
    {
        _state.Apply(Direct("dm-1", Bob, MeRef, "replayed from Bob"));
        _state.Apply(Direct("dm-2", MeRef, Bob, "my replayed answer"));
        Assert.Empty(_state.Conversations);

        _state.Apply(Welcome());

        var direct = Assert.Single(_state.Conversations);
        Assert.Equal(("dm:person-bob", "Bob", 0), (direct.Key, direct.Title, direct.Unread));
        Assert.Equal([false, true], direct.Lines.Select(l => l.Mine));
    }

    [Fact]
    public void Apply_DirectMessageFromSomeone_OpensTheirConversation_Unread()
    {
        _state.Apply(Welcome());

        _state.Apply(Direct("dm-1", Bob, MeRef, "hi"));
        _state.Apply(Direct("dm-2", Bob, MeRef, "there?"));

        var direct = _state.Find("dm:person-bob")!;
        Assert.Equal(2, direct.Unread);
        Assert.Equal("dm-person-bob", direct.Slug);
        Assert.Null(_state.Active);
    }

    [Fact]
    public void Apply_DirectMessagesFromMoreSendersThanTheCap_CloseTheQuietestConversations_NeverTheOneShown()
    {
        _state.Apply(Welcome());
        _state.Apply(Direct("dm-first", Sender(0), MeRef, "I was first"));
        _state.Select("dm:person-0");

        // Then a flood of strangers, each a new sender; person-1 writes again in the middle.
        for (var i = 1; i <= ChatState.MaxDirectConversations + 5; i++)
        {
            _state.Apply(Direct($"dm-{i}", Sender(i), MeRef, "hi"));
            if (i == 10)
            {
                _state.Apply(Direct("dm-again", Sender(1), MeRef, "still here"));
            }
        }

        var direct = _state.Conversations.Where(c => c.Kind == ConversationKind.Direct).Select(c => c.Key).ToList();
        Assert.Equal(ChatState.MaxDirectConversations, direct.Count);
        Assert.Equal(6, _state.ClosedDirectConversations);
        Assert.Contains("dm:person-0", direct); // shown
        Assert.Contains("dm:person-1", direct); // wrote again
        Assert.Contains($"dm:person-{ChatState.MaxDirectConversations + 5}", direct); // newest
        Assert.DoesNotContain("dm:person-2", direct); // quietest
        Assert.Equal("dm:person-0", _state.Active?.Key);
    }

    [Fact]
    public void Apply_MoreLinesThanAConversationKeeps_DropsTheOldest_AndCountsThem()
    {
        _state.Apply(Welcome());

        for (var i = 0; i < Conversation.MaxLines + 3; i++)
        {
            _state.Apply(Direct($"dm-{i}", Bob, MeRef, $"line {i}"));
        }

        var direct = _state.Find("dm:person-bob")!;
        Assert.Equal(Conversation.MaxLines, direct.Lines.Count);
        Assert.Equal(3, direct.DroppedLines);
        Assert.Equal("line 3", direct.Lines[0].Text);
    }

    [Fact]
    public void Apply_MyOwnDirectMessage_IsUnderTheRecipient_AndNeverUnread()
    {
        _state.Apply(Welcome());

        _state.Apply(Direct("dm-1", MeRef, Bob, "from my other tab"));

        var direct = _state.Find("dm:person-bob")!;
        Assert.Equal(0, direct.Unread);
        Assert.True(Assert.Single(direct.Lines).Mine);
    }

    [Fact]
    public void Apply_SameMessageTwice_ShowsItOnce()
    {
        _state.Apply(Welcome());
        var message = Direct("dm-1", Bob, MeRef, "once");

        _state.Apply(message);
        _state.Apply(message);

        Assert.Single(_state.Find("dm:person-bob")!.Lines);
    }

    [Fact]
    public void Select_AConversation_MarksItRead()
    {
        _state.Apply(Welcome());
        _state.Apply(Direct("dm-1", Bob, MeRef, "hi"));

        _state.Select("dm:person-bob");
        _state.Apply(Direct("dm-2", Bob, MeRef, "seen at once"));

        Assert.Equal(0, _state.Find("dm:person-bob")!.Unread);
    }

    [Fact]
    public void Apply_RoomMessages_UpToTheJoinedOffsetAreHistory_LaterOnesUnreadWhenNotShown()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");
        _state.Apply(Said("room:tea", 1, "history, arrived before the join's answer", "Bob", "person-bob"));
        _state.CompleteRoom("room:tea", offset: 2, presence: null);
        _state.Apply(Said("room:tea", 2, "history", "Bob", "person-bob"));
        _state.BeginRoom("room:other");

        _state.Apply(Said("room:tea", 3, "news", "Bob", "person-bob"));

        var tea = _state.Find("room:tea")!;
        Assert.Equal(["history, arrived before the join's answer", "history", "news"], tea.Lines.Select(l => l.Text));
        Assert.Equal(1, tea.Unread);
        Assert.Equal("tea", tea.Slug);
    }

    [Fact]
    public void Apply_MyOwnRoomMessage_FromAnyTab_IsMine_AndNotUnread()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");
        _state.CompleteRoom("room:tea", 0, null);
        _state.BeginRoom("room:other");

        _state.Apply(Said("room:tea", 1, "from this tab", "Me", MyPerson, from: Me));
        _state.Apply(Said("room:tea", 2, "from my other tab", "Me", MyPerson, from: "client-2"));

        var tea = _state.Find("room:tea")!;
        Assert.All(tea.Lines, l => Assert.True(l.Mine));
        Assert.Equal(0, tea.Unread);
    }

    [Fact]
    public void Apply_MessageInARoomNotBegunOnThisPage_OpensTheRoomWithIt()
    {
        // Only the tab's own channels reach it: a reloaded page is given its rooms' history before it asks.
        _state.Apply(Welcome());

        Assert.Null(_state.Apply(Said("room:elsewhere", 1, "hello")));

        var room = Assert.Single(_state.Conversations);
        Assert.Equal(("room:elsewhere", ConversationKind.Room), (room.Key, room.Kind));
        Assert.Equal(["hello"], room.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Apply_RecoveryNotRecovered_MarksTheRoomsHistoryIncomplete()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");

        _state.Apply(new RecoveryEvent("room:tea", Recovered: true, "e1", 0, 3));
        Assert.False(_state.Find("room:tea")!.HistoryIncomplete);
        _state.Apply(new RecoveryEvent("room:tea", Recovered: false, "e1", 0, 3));

        Assert.True(_state.Find("room:tea")!.HistoryIncomplete);
    }

    [Fact]
    public void Presence_SeveralTabsOfOnePerson_ShowAsOnePerson_WithMeMarked()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");
        _state.CompleteRoom("room:tea", 0,
        [
            new PresenceView(Me, null, System.Text.Json.JsonSerializer.SerializeToElement(new ChatPresenceInfo("Me", MyPerson), System.Text.Json.JsonSerializerOptions.Web)),
        ]);

        _state.Apply(Presence("room:tea", "join", "bob-tab-1", "Bob", "person-bob"));
        _state.Apply(Presence("room:tea", "join", "bob-tab-2", "Bob", "person-bob"));
        _state.Apply(Presence("room:tea", "join", "ann-tab", "Ann", "person-ann"));

        var people = _state.Find("room:tea")!.People(_state.PersonId);
        Assert.Equal(["Ann", "Bob", "Me"], people.Select(p => p.Name));
        Assert.Equal([1, 2, 1], people.Select(p => p.Tabs));
        Assert.Equal([false, false, true], people.Select(p => p.IsMe));
    }

    [Fact]
    public void Presence_Leave_RemovesTheTab_AndThePersonWithTheirLastTab()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");
        _state.Apply(Presence("room:tea", "join", "bob-tab-1", "Bob", "person-bob"));
        _state.Apply(Presence("room:tea", "join", "bob-tab-2", "Bob", "person-bob"));

        _state.Apply(Presence("room:tea", "leave", "bob-tab-1", "Bob", "person-bob"));
        Assert.Equal(1, Assert.Single(_state.Find("room:tea")!.People(MyPerson)).Tabs);

        _state.Apply(Presence("room:tea", "leave", "bob-tab-2", "Bob", "person-bob"));
        Assert.Empty(_state.Find("room:tea")!.People(MyPerson));
    }

    [Fact]
    public void Presence_AnUpdate_RenamesThePerson()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");
        _state.Apply(Presence("room:tea", "join", "bob-tab", "Bob", "person-bob"));

        _state.Apply(Presence("room:tea", "update", "bob-tab", "Robert", "person-bob"));

        Assert.Equal("Robert", Assert.Single(_state.Find("room:tea")!.People(MyPerson)).Name);
    }

    [Fact]
    public void Apply_Paired_OpensAndShowsTheStrangerConversation_Anonymously()
    {
        _state.Apply(Welcome());

        _state.Apply(Event(new StrangerEvent(StrangerStates.Paired, "pair:1")));
        _state.BeginRoom("room:tea");
        _state.Apply(Said("pair:1", 1, "hi from them", from: "client-stranger"));
        _state.Apply(Said("pair:1", 2, "hi from me", from: Me));

        var pair = _state.Find("pair:1")!;
        Assert.Equal(StrangerStates.Paired, _state.StrangerState);
        Assert.Equal(ConversationKind.Stranger, pair.Kind);
        Assert.Equal(["Chat", "Stranger", "You"], pair.Lines.Select(l => l.Name));
        Assert.Equal(1, pair.Unread);
    }

    [Fact]
    public void Apply_PairEnded_MarksTheConversationEnded_WithWhy()
    {
        _state.Apply(Welcome());
        _state.Apply(Event(new StrangerEvent(StrangerStates.Paired, "pair:1")));

        _state.Apply(Event(new StrangerEvent(StrangerStates.Idle, "pair:1", StrangerReasons.Kicked)));

        var pair = _state.Find("pair:1")!;
        Assert.True(pair.Ended);
        Assert.Equal(StrangerStates.Idle, _state.StrangerState);
        Assert.Equal("The stranger ended the conversation.", pair.Lines[^1].Text);
        Assert.True(pair.Lines[^1].Notice);
    }

    [Fact]
    public void Apply_ANewPair_ReplacesTheEndedOne()
    {
        _state.Apply(Welcome());
        _state.Apply(Event(new StrangerEvent(StrangerStates.Paired, "pair:1")));
        _state.Apply(Event(new StrangerEvent(StrangerStates.Idle, "pair:1", StrangerReasons.YouKicked)));

        _state.Apply(Event(new StrangerEvent(StrangerStates.Paired, "pair:2")));

        Assert.Equal(["pair:2"], _state.Conversations.Select(c => c.Key));
        Assert.Equal("pair:2", _state.Active!.Key);
    }

    [Fact]
    public void Apply_WelcomeWhilePaired_RestoresThePair()
    {
        _state.Apply(Welcome(stranger: new StrangerEvent(StrangerStates.Paired, "pair:9")));

        Assert.Equal("pair:9", _state.Active!.Key);
        Assert.Equal(StrangerStates.Paired, _state.StrangerState);
    }

    [Fact]
    public void Close_TheActiveConversation_ShowsItsNeighbour()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:a");
        _state.BeginRoom("room:b");
        _state.BeginRoom("room:c");
        _state.Select("room:b");

        _state.Close("room:b");

        Assert.Equal(["room:a", "room:c"], _state.Conversations.Select(c => c.Key));
        Assert.Equal("room:c", _state.Active!.Key);
    }

    [Fact]
    public void Close_TheLastConversation_ShowsNothing()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:a");

        _state.Close("room:a");

        Assert.Null(_state.Active);
    }

    [Fact]
    public void Apply_ARoomMessageWithMarkup_KeepsItAsText()
    {
        _state.Apply(Welcome());
        _state.BeginRoom("room:tea");

        _state.Apply(Said("room:tea", 1, "<script>x</script>", "Bob", "person-bob"));

        Assert.Equal("<script>x</script>", Assert.Single(_state.Find("room:tea")!.Lines).Text);
    }

    [Fact]
    public void Apply_MalformedServerEvent_IsSkipped()
    {
        _state.Apply(Welcome());

        Assert.Null(_state.Apply(Event(new { type = "dm", from = 5 })));
        Assert.Null(_state.Apply(Event("just a string")));

        Assert.Empty(_state.Conversations);
    }

    [Fact]
    public void Apply_Rooms_ReplacesTheDirectory()
    {
        _state.Apply(Welcome());

        _state.Apply(Event(new RoomsEvent(["lobby", "tea"])));

        Assert.Equal(["lobby", "tea"], _state.Directory);
    }
}
