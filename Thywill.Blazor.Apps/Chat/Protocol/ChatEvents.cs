namespace Thywill.Blazor.Apps.Chat.Protocol;

/// <summary>A person as others see them: their person id and nickname (never their session).</summary>
/// <param name="Person">The person id.</param>
/// <param name="Name">The nickname.</param>
public sealed record ChatPersonRef(string Person, string Name);

/// <summary>Display information of a tab in a room's presence (set with <c>IThywillChannels.SetClientInfoAsync</c>).</summary>
/// <param name="Name">The nickname.</param>
/// <param name="Person">The person id, so several tabs of one person show once.</param>
public sealed record ChatPresenceInfo(string Name, string Person);

/// <summary>The answer to <see cref="ChatMessageTypes.Hello"/>: everything a freshly loaded page needs.</summary>
/// <param name="Nonce">The hello's nonce: a reloaded tab is replayed its older welcomes too.</param>
/// <param name="Person">The tab's person id.</param>
/// <param name="Nickname">The person's nickname, if chosen.</param>
/// <param name="Rooms">The rooms the tab is in (after a reload).</param>
/// <param name="Directory">The room directory.</param>
/// <param name="Stranger">The tab's stranger state.</param>
public sealed record WelcomeEvent(string? Nonce, string Person, string? Nickname, IReadOnlyList<string> Rooms, IReadOnlyList<string> Directory, StrangerEvent Stranger)
{
    /// <summary><see cref="ChatMessageTypes.Welcome"/>.</summary>
    public string Type => ChatMessageTypes.Welcome;
}

/// <summary>The person's nickname changed (sent to all their tabs).</summary>
/// <param name="Nickname">The nickname.</param>
public sealed record NicknameEvent(string Nickname)
{
    /// <summary><see cref="ChatMessageTypes.Nickname"/>.</summary>
    public string Type => ChatMessageTypes.Nickname;
}

/// <summary>A direct message, delivered to every tab of the recipient and of the sender.</summary>
/// <param name="Id">The message id.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipient.</param>
/// <param name="Text">The text, shown as text.</param>
public sealed record DirectMessageEvent(string Id, ChatPersonRef From, ChatPersonRef To, string Text)
{
    /// <summary><see cref="ChatMessageTypes.Direct"/>.</summary>
    public string Type => ChatMessageTypes.Direct;
}

/// <summary>A tab's stranger state: idle, waiting, or paired in a channel.</summary>
/// <param name="State">One of <see cref="StrangerStates"/>.</param>
/// <param name="Channel">The pair's channel when paired, or the one that just ended.</param>
/// <param name="Reason">Why the state changed, one of <see cref="StrangerReasons"/>, when it did.</param>
public sealed record StrangerEvent(string State, string? Channel = null, string? Reason = null)
{
    /// <summary><see cref="ChatMessageTypes.Stranger"/>.</summary>
    public string Type => ChatMessageTypes.Stranger;
}

/// <summary>The room directory changed.</summary>
/// <param name="Rooms">Every listed room.</param>
public sealed record RoomsEvent(IReadOnlyList<string> Rooms)
{
    /// <summary><see cref="ChatMessageTypes.Rooms"/>.</summary>
    public string Type => ChatMessageTypes.Rooms;
}

/// <summary>A message in a room (with its author's name) or a stranger pair (anonymous).</summary>
/// <param name="Text">The text, shown as text.</param>
/// <param name="Name">The author's nickname; <see langword="null"/> in a pair.</param>
/// <param name="Person">The author's person id; <see langword="null"/> in a pair.</param>
public sealed record ChannelMessage(string Text, string? Name = null, string? Person = null)
{
    /// <summary><see cref="ChatMessageTypes.Message"/>.</summary>
    public string Type => ChatMessageTypes.Message;
}

/// <summary>The values of <see cref="StrangerEvent.State"/>.</summary>
public static class StrangerStates
{
    /// <summary>Not looking for a stranger.</summary>
    public const string Idle = "idle";

    /// <summary>Waiting for a stranger.</summary>
    public const string Waiting = "waiting";

    /// <summary>Talking to a stranger.</summary>
    public const string Paired = "paired";
}

/// <summary>The values of <see cref="StrangerEvent.Reason"/>.</summary>
public static class StrangerReasons
{
    /// <summary>The stranger left.</summary>
    public const string Left = "left";

    /// <summary>The stranger sent this tab away.</summary>
    public const string Kicked = "kicked";

    /// <summary>The stranger's tab closed and did not come back.</summary>
    public const string Gone = "gone";

    /// <summary>This tab left.</summary>
    public const string YouLeft = "you-left";

    /// <summary>This tab sent the stranger away.</summary>
    public const string YouKicked = "you-kicked";
}
