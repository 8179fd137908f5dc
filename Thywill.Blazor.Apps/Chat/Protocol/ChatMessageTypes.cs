namespace Thywill.Blazor.Apps.Chat.Protocol;

/// <summary>The <c>type</c> of every message between the chat page and the server side of chat (<c>ChatApplication</c>).</summary>
public static class ChatMessageTypes
{
    /// <summary>Page → server: "I am here; tell me my state" (answered with <see cref="Welcome"/>).</summary>
    public const string Hello = "hello";

    /// <summary>Page → server: choose a nickname. Server → the person's tabs: the nickname changed.</summary>
    public const string Nickname = "nick";

    /// <summary>Page → server: say something in a room or a stranger pair.</summary>
    public const string Say = "say";

    /// <summary>Page → server, and server → both people's tabs: a direct message.</summary>
    public const string Direct = "dm";

    /// <summary>Page → server: find me a stranger. Server → tab: the stranger state changed.</summary>
    public const string Stranger = "stranger";

    /// <summary>Page → server: stop waiting, or leave the stranger.</summary>
    public const string StrangerLeave = "stranger-leave";

    /// <summary>Page → server: send the stranger away and wait for another.</summary>
    public const string StrangerKick = "stranger-kick";

    /// <summary>Server → tab: the person, nickname, rooms and stranger state.</summary>
    public const string Welcome = "welcome";

    /// <summary>Server → every tab: the room directory changed.</summary>
    public const string Rooms = "rooms";

    /// <summary>In a room or pair channel: a message.</summary>
    public const string Message = "msg";
}
