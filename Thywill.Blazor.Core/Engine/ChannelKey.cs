namespace Thywill.Blazor.Engine;

/// <summary>
/// A channel inside one application. Applications are isolated: the same channel name in two
/// applications is two channels.
/// </summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Name">The channel name. Names starting with <c>$</c> are the framework's own.</param>
public readonly record struct ChannelKey(string ApplicationId, string Name)
{
    /// <summary>The personal channel of a client.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    public static ChannelKey ForClient(string applicationId, string clientId) => new(applicationId, "$client:" + clientId);

    /// <summary>The channel of a browser session (all its tabs) within an application.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="sessionId">The session.</param>
    public static ChannelKey ForSession(string applicationId, string sessionId) => new(applicationId, "$session:" + sessionId);

    /// <summary>The channel of an authenticated user (all their sessions) within an application.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="userId">The user.</param>
    public static ChannelKey ForUser(string applicationId, string userId) => new(applicationId, "$user:" + userId);

    /// <summary>The name of every application's broadcast channel.</summary>
    public const string BroadcastName = "$broadcast";

    /// <summary>The broadcast channel of an application, which every client is in.</summary>
    /// <param name="applicationId">The application.</param>
    public static ChannelKey Broadcast(string applicationId) => new(applicationId, BroadcastName);

    /// <summary>The name of every application's channel between its nodes (server-side changes to a client another node holds).</summary>
    public const string NodesName = "$nodes";

    /// <summary>The channel between an application's nodes.</summary>
    /// <param name="applicationId">The application.</param>
    public static ChannelKey Nodes(string applicationId) => new(applicationId, NodesName);

    /// <inheritdoc />
    public override string ToString() => ApplicationId + "/" + Name;
}
