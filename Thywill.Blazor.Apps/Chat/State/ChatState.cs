using System.Text.Json;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Apps.Chat.State;

/// <summary>
/// What one chat tab knows: who it is, its conversations with their lines, unread counts and
/// presence, the room directory and its stranger state. Fed by the publications and presence events
/// the client receives; touched only on the circuit's dispatcher, so it needs no locks.
/// </summary>
/// <param name="clientId">This tab's client id.</param>
/// <param name="nonce">The nonce of this page's hello: only the welcome that repeats it counts.</param>
public sealed class ChatState(string clientId, string nonce)
{
    /// <summary>
    /// The most direct conversations a tab keeps: anyone can write to a person, so each new sender
    /// past this closes the quietest one that is not shown (a flood of senders cannot grow the tab).
    /// </summary>
    public const int MaxDirectConversations = 20;

    private readonly List<Conversation> _conversations = [];
    private readonly List<Publication> _beforeWelcome = [];
    private long _activity;

    /// <summary>This tab's client id.</summary>
    public string ClientId { get; } = clientId;

    /// <summary>The nonce to send in this page's hello.</summary>
    public string Nonce { get; } = nonce;

    /// <summary>This tab's person id, once welcomed.</summary>
    public string? PersonId { get; private set; }

    /// <summary>The person's nickname, once chosen.</summary>
    public string? Nickname { get; private set; }

    /// <summary>Whether the server's welcome arrived (the page knows who it is).</summary>
    public bool Welcomed { get; private set; }

    /// <summary>The room directory.</summary>
    public IReadOnlyList<string> Directory { get; private set; } = [];

    /// <summary>The stranger state: one of <see cref="StrangerStates"/>.</summary>
    public string StrangerState { get; private set; } = StrangerStates.Idle;

    /// <summary>Rooms, the stranger pair, then direct conversations.</summary>
    public IReadOnlyList<Conversation> Conversations => _conversations;

    /// <summary>The conversation shown.</summary>
    public Conversation? Active { get; private set; }

    /// <summary>How many direct conversations were closed to stay within <see cref="MaxDirectConversations"/>.</summary>
    public int ClosedDirectConversations { get; private set; }

    /// <summary>A conversation by key.</summary>
    /// <param name="key">The channel or <c>dm:{person}</c>.</param>
    public Conversation? Find(string key) => _conversations.Find(c => c.Key == key);

    /// <summary>Shows a conversation and marks it read.</summary>
    /// <param name="key">The conversation's key.</param>
    public void Select(string key)
    {
        Active = Find(key) ?? Active;
        if (Active is not null)
        {
            Active.Unread = 0;
        }
    }

    /// <summary>Starts joining a room: its conversation exists (and is shown) before the join's history arrives.</summary>
    /// <param name="channel">The room channel.</param>
    public Conversation BeginRoom(string channel)
    {
        var room = Find(channel) ?? AddRoom(channel);
        Select(channel);
        return room;
    }

    /// <summary>
    /// The outcome of recovering a channel: when a room's history did not reach back to what the tab
    /// needed, the room says older messages are gone.
    /// </summary>
    /// <param name="recovery">The recovery event.</param>
    public void Apply(RecoveryEvent recovery)
    {
        ArgumentNullException.ThrowIfNull(recovery);
        if (Find(recovery.Channel) is { Kind: ConversationKind.Room } room)
        {
            room.HistoryIncomplete |= !recovery.Recovered;
        }
    }

    private Conversation AddRoom(string channel)
    {
        var room = new Conversation(channel, ConversationKind.Room, channel[ChatLimits.RoomPrefix.Length..]);
        _conversations.Insert(_conversations.Count(c => c.Kind == ConversationKind.Room), room);
        return room;
    }

    /// <summary>The join completed: where the room's history ends, and who is there.</summary>
    /// <param name="channel">The room channel.</param>
    /// <param name="offset">The offset the join returned.</param>
    /// <param name="presence">The presence the join returned.</param>
    public void CompleteRoom(string channel, long offset, IReadOnlyList<PresenceView>? presence)
    {
        if (Find(channel) is not { } room)
        {
            return;
        }

        room.JoinedOffset = offset;

        // Presence events may have arrived before the join's answer: they are at least as new.
        foreach (var member in presence ?? [])
        {
            room.AddMemberIfAbsent(member.ClientId, InfoOf(member.Info));
        }
    }

    /// <summary>Forgets a conversation (a room left, a direct conversation or ended pair closed).</summary>
    /// <param name="key">The conversation's key.</param>
    public void Close(string key)
    {
        var index = _conversations.FindIndex(c => c.Key == key);
        if (index < 0)
        {
            return;
        }

        var closed = _conversations[index];
        _conversations.RemoveAt(index);
        if (Active == closed)
        {
            Active = null;
            if (_conversations.Count > 0)
            {
                Select(_conversations[Math.Min(index, _conversations.Count - 1)].Key);
            }
        }
    }

    /// <summary>Opens (and shows) the direct conversation with a person.</summary>
    /// <param name="person">Their person id.</param>
    /// <param name="name">Their nickname.</param>
    public Conversation OpenDirect(string person, string name)
    {
        var conversation = DirectWith(person, name);
        conversation.LastActive = ++_activity;
        Select(conversation.Key);
        return conversation;
    }

    /// <summary>Applies a publication: a line in a room or pair, or an event from the server.</summary>
    /// <param name="publication">The publication.</param>
    /// <returns>The server event it carried (for the page to act on), or <see langword="null"/>.</returns>
    public object? Apply(Publication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var channel = publication.ChannelName;
        if (!channel.StartsWith('$'))
        {
            AddChannelLine(publication);
            return null;
        }

        // A reloaded tab is first replayed what its personal and session channels keep, older
        // welcomes included. Until this page's own welcome says who the tab is, keep it all: direct
        // messages then become history; the rest the welcome supersedes.
        var type = TypeOf(publication.Data);
        if (!Welcomed)
        {
            if (type == ChatMessageTypes.Welcome && Deserialize<WelcomeEvent>(publication.Data) is { } own && own.Nonce == Nonce)
            {
                ApplyWelcome(own);
                return own;
            }

            _beforeWelcome.Add(publication);
            return null;
        }

        switch (type)
        {
            case ChatMessageTypes.Nickname when Deserialize<NicknameEvent>(publication.Data) is { } nickname:
                Nickname = nickname.Nickname;
                return nickname;
            case ChatMessageTypes.Direct when Deserialize<DirectMessageEvent>(publication.Data) is { } direct:
                AddDirectLine(direct, countUnread: true);
                return direct;
            case ChatMessageTypes.Stranger when Deserialize<StrangerEvent>(publication.Data) is { } stranger:
                ApplyStranger(stranger);
                return stranger;
            case ChatMessageTypes.Rooms when Deserialize<RoomsEvent>(publication.Data) is { } rooms:
                Directory = rooms.Rooms;
                return rooms;
            default:
                return null;
        }
    }

    /// <summary>Applies a presence change in a room.</summary>
    /// <param name="presence">The change.</param>
    public void Apply(PresenceEvent presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        if (Find(presence.ChannelName) is not { } room)
        {
            return;
        }

        if (presence.Action == "leave")
        {
            room.RemoveMember(presence.Member.ClientId);
        }
        else
        {
            room.SetMember(presence.Member.ClientId, InfoOf(presence.Member.Info));
        }
    }

    private void ApplyWelcome(WelcomeEvent welcome)
    {
        PersonId = welcome.Person;
        Nickname = welcome.Nickname;
        Directory = welcome.Directory;
        Welcomed = true;
        ApplyStranger(welcome.Stranger);

        // What arrived before the welcome is history: replayed direct messages, not news.
        foreach (var early in _beforeWelcome)
        {
            if (TypeOf(early.Data) == ChatMessageTypes.Direct && Deserialize<DirectMessageEvent>(early.Data) is { } direct)
            {
                AddDirectLine(direct, countUnread: false);
            }
        }

        _beforeWelcome.Clear();
    }

    private void ApplyStranger(StrangerEvent stranger)
    {
        StrangerState = stranger.State;
        if (stranger.State == StrangerStates.Paired && stranger.Channel is { } channel)
        {
            foreach (var old in _conversations.Where(c => c.Kind == ConversationKind.Stranger && c.Key != channel).ToArray())
            {
                Close(old.Key);
            }

            if (Find(channel) is null)
            {
                // Everything said in a pair is news: it has no history before the two met.
                var pair = new Conversation(channel, ConversationKind.Stranger, "Stranger") { JoinedOffset = 0 };
                _conversations.Insert(_conversations.Count(c => c.Kind == ConversationKind.Room), pair);
                pair.Add(new ChatLine("paired:" + channel, "Chat", "You are talking to a stranger. Say hi!", Mine: false, Notice: true));
            }

            Select(channel);
        }
        else if (stranger.Channel is { } ended && Find(ended) is { Ended: false } pair)
        {
            pair.Ended = true;
            pair.Add(new ChatLine("ended:" + ended, "Chat", EndNotice(stranger.Reason), Mine: false, Notice: true));
        }
    }

    private void AddChannelLine(Publication publication)
    {
        // A reloaded tab is given its rooms' history before the page asks: the room is this tab's.
        if (Find(publication.ChannelName) is null && publication.ChannelName.StartsWith(ChatLimits.RoomPrefix, StringComparison.Ordinal))
        {
            AddRoom(publication.ChannelName);
        }

        if (Find(publication.ChannelName) is not { } conversation
            || TypeOf(publication.Data) != ChatMessageTypes.Message
            || Deserialize<ChannelMessage>(publication.Data) is not { } message)
        {
            return;
        }

        var mine = publication.From == ClientId || (message.Person is not null && message.Person == PersonId);
        var name = conversation.Kind == ConversationKind.Stranger ? (mine ? "You" : "Stranger") : message.Name ?? "someone";
        var isHistory = conversation.JoinedOffset is not { } joined || publication.Offset <= joined;
        if (conversation.Add(new ChatLine(publication.Id, name, message.Text, mine, message.Person)) && !mine && !isHistory)
        {
            CountUnread(conversation);
        }
    }

    private void AddDirectLine(DirectMessageEvent direct, bool countUnread)
    {
        var mine = direct.From.Person == PersonId;
        var other = mine ? direct.To : direct.From;
        var conversation = DirectWith(other.Person, other.Name);
        if (!conversation.Add(new ChatLine(direct.Id, direct.From.Name, direct.Text, mine, direct.From.Person)))
        {
            return;
        }

        conversation.LastActive = ++_activity;
        if (!mine && countUnread)
        {
            CountUnread(conversation);
        }
    }

    private Conversation DirectWith(string person, string name)
    {
        var key = Conversation.DirectPrefix + person;
        var conversation = Find(key);
        if (conversation is null)
        {
            if (_conversations.Count(c => c.Kind == ConversationKind.Direct) >= MaxDirectConversations)
            {
                var quietest = _conversations.Where(c => c.Kind == ConversationKind.Direct && c != Active).MinBy(c => c.LastActive)!;
                Close(quietest.Key);
                ClosedDirectConversations++;
            }

            conversation = new Conversation(key, ConversationKind.Direct, name);
            _conversations.Add(conversation);
        }

        conversation.Title = name;
        return conversation;
    }

    private void CountUnread(Conversation conversation)
    {
        if (conversation != Active)
        {
            conversation.Unread++;
        }
    }

    private static string EndNotice(string? reason) => reason switch
    {
        StrangerReasons.Left => "The stranger left.",
        StrangerReasons.Kicked => "The stranger ended the conversation.",
        StrangerReasons.Gone => "The stranger went away.",
        StrangerReasons.YouKicked => "You sent the stranger away.",
        _ => "You left.",
    };

    private static ChatPresenceInfo? InfoOf(JsonElement? info) =>
        info is { ValueKind: JsonValueKind.Object } value && Deserialize<ChatPresenceInfo>(value) is { Name: not null, Person: not null } known
            ? known
            : null;

    private static string? TypeOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    // The server wrote these; a malformed one is skipped, not fatal to the page.
    private static T? Deserialize<T>(JsonElement data)
        where T : class
    {
        try
        {
            return data.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
