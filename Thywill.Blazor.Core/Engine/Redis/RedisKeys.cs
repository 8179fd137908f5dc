using StackExchange.Redis;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The names of everything the engine keeps in Redis, all below one prefix. An application id holds
/// no <c>:</c> (its options validator says so), so <c>{prefix}:{kind}:{app}:{name}</c> is unambiguous
/// whatever the channel's name holds.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>A channel's meta hash: <c>e</c> epoch, <c>o</c> newest offset, <c>b</c> bytes kept, <c>s</c> seeded.</summary>
    public RedisKey Meta(ChannelKey channel) => $"{prefix}:m:{channel.ApplicationId}:{channel.Name}";

    /// <summary>A channel's history: a stream whose entry ids are <c>{offset}-1</c>.</summary>
    public RedisKey Stream(ChannelKey channel) => $"{prefix}:s:{channel.ApplicationId}:{channel.Name}";

    /// <summary>A channel's presence members: a hash, client id → member JSON.</summary>
    public RedisKey PresenceMembers(ChannelKey channel) => $"{prefix}:ph:{channel.ApplicationId}:{channel.Name}";

    /// <summary>A channel's presence expiries: a sorted set, client id → expiry (Unix ms).</summary>
    public RedisKey PresenceExpiries(ChannelKey channel) => $"{prefix}:pz:{channel.ApplicationId}:{channel.Name}";

    /// <summary>The pub/sub channel a channel's publications and presence changes travel on, to every node.</summary>
    public RedisChannel PubSub(ChannelKey channel) => RedisChannel.Literal($"{prefix}:c:{channel.ApplicationId}:{channel.Name}");

    /// <summary>
    /// An application's channels: a sorted set, name → expiry (Unix ms), counted by the channel cap.
    /// Framework channels (<c>$…</c>) are in <see cref="FrameworkChannels"/>, not counted.
    /// </summary>
    public RedisKey Channels(string applicationId) => $"{prefix}:ch:{applicationId}";

    /// <summary>An application's framework channels (one per client, session and user): for operators only.</summary>
    public RedisKey FrameworkChannels(string applicationId) => $"{prefix}:fw:{applicationId}";

    /// <summary>The sorted set of channels for <paramref name="channel"/>'s kind.</summary>
    public RedisKey ChannelsOf(ChannelKey channel) =>
        channel.Name.StartsWith('$') ? FrameworkChannels(channel.ApplicationId) : Channels(channel.ApplicationId);

    /// <summary>A client's channel memberships: a set of channel names, expiring when not retained.</summary>
    public RedisKey Memberships(string applicationId, string clientId) => $"{prefix}:mb:{applicationId}:{clientId}";

    /// <summary>The nodes: a sorted set, node id → last heartbeat (Unix ms).</summary>
    public RedisKey Nodes => $"{prefix}:nodes";

    /// <summary>A node's description: a hash (started, clients, machine), expiring with its heartbeat.</summary>
    public RedisKey Node(string nodeId) => $"{prefix}:node:{nodeId}";
}
