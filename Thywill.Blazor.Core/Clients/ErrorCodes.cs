namespace Thywill.Blazor.Clients;

/// <summary>
/// The named reasons the server refuses a browser's operation (send, join, leave, publish, call); the
/// browser sees them as <c>error.code</c>, a Razor front end as <see cref="SendResult.Code"/> or
/// <see cref="Rpc.RpcException.Code"/>. One vocabulary for every operation: a code means the same
/// wherever it appears.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Over <c>Thywill:Messages:MaxMessageBytes</c> (send, publish, call).</summary>
    public const string TooLarge = "too-large";

    /// <summary>The bootstrap has not completed.</summary>
    public const string NotReady = "not-ready";

    /// <summary>The client is not connected, or went away before the answer.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>The client went faster than its rate limit allows.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The application refused the message (send).</summary>
    public const string Rejected = "rejected";

    /// <summary>The message was not valid JSON data.</summary>
    public const string Invalid = "invalid";

    /// <summary>No channel rule matches the name and the application did not allow it, or the application has no function of that name.</summary>
    public const string NotFound = "not-found";

    /// <summary>The channel rule, the application or the function refused this client.</summary>
    public const string NoPermission = "no-permission";

    /// <summary>The channel name is malformed or too long.</summary>
    public const string InvalidChannel = "invalid-channel";

    /// <summary>Publishing to a channel the client is not a member of.</summary>
    public const string NotMember = "not-member";

    /// <summary>The client is a member of too many channels (<c>Thywill:Channels:MaxChannelsPerClient</c>).</summary>
    public const string TooManyChannels = "too-many-channels";

    /// <summary>The application has as many channels as it may (<c>Thywill:Channels:MaxChannelsPerApplication</c>): a join would make another.</summary>
    public const string ChannelLimit = "channel-limit";

    /// <summary>The channel's presence has as many members as it may (<c>Thywill:Channels:MaxPresenceMembers</c>).</summary>
    public const string PresenceFull = "presence-full";

    /// <summary>The call's arguments did not bind to the function's parameters.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>The call ran longer than its timeout and was cancelled.</summary>
    public const string Timeout = "timeout";

    /// <summary>The function failed; the details are in the server log only.</summary>
    public const string Failed = "failed";

    /// <summary>This node cannot serve now (it is draining); another node, or a reload later, can.</summary>
    public const string Unavailable = "unavailable";
}
