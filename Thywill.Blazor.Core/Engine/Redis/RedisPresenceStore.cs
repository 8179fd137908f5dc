using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// Presence in Redis: per channel a hash (client id → member) and a sorted set (client id →
/// expiry). A member lives while the node holding it refreshes it (every
/// <c>Thywill:Engine:Redis:CheckInterval</c>, within <c>PresenceTtl</c>); a dead node's members
/// expire, and whichever node serves the channel removes them and tells every node <c>leave</c>.
/// Changes travel on the channel's pub/sub channel, so the broker's fan-out delivers them in order
/// with the channel's publications.
/// </summary>
internal sealed class RedisPresenceStore(RedisCalls redis, RedisBroker broker) : IPresenceStore
{
    private readonly ConcurrentDictionary<(ChannelKey Channel, string ClientId), PresenceMember> _members = new();

    /// <summary>How many of a channel's members one refresh command carries.</summary>
    internal const int RefreshBatch = 256;

    /// <summary>How many channels one expiry command checks.</summary>
    internal const int ExpireBatch = 128;

    private RedisKeys Keys => redis.Keys;

    public async ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kept = member with { Info = member.Info.ValueKind == JsonValueKind.Undefined ? member.Info : member.Info.Clone() };
        await RefreshAsync(channel, [kept]).ConfigureAwait(false);
        _members[(channel, member.ClientId)] = kept;
    }

    public async ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _members.TryRemove((channel, clientId), out _);
        await redis.RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Leave,
            [Keys.PresenceMembers(channel), Keys.PresenceExpiries(channel)],
            [clientId, (RedisValue)Keys.PubSub(channel).ToString()]), "leave").ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await redis.RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Members,
            [Keys.PresenceMembers(channel), Keys.PresenceExpiries(channel)],
            [redis.Now, (RedisValue)Keys.PubSub(channel).ToString()]), "presence").ConfigureAwait(false);
        return ((RedisResult[])result!).Select(m => RedisWire.ReadMember((byte[])m!)).ToArray();
    }

    // The members this node refreshes; other nodes count their own.
    public int PresenceCountOf(string applicationId) => _members.Keys.Count(k => k.Channel.ApplicationId == applicationId);

    /// <summary>
    /// The store's periodic work: refreshes the members this node holds (re-adding any that expired
    /// while Redis or the node was away), then expires other nodes' stale members in the other
    /// channels this node serves, so their subscribers here see <c>leave</c>. A command per channel
    /// (per <see cref="RefreshBatch"/> members) to refresh, and one per <see cref="ExpireBatch"/>
    /// channels to expire, not one per member.
    /// </summary>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var refreshed = new HashSet<ChannelKey>();
        foreach (var channel in _members.GroupBy(m => m.Key.Channel, m => m.Value))
        {
            foreach (var chunk in channel.Chunk(RefreshBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RefreshAsync(channel.Key, chunk).ConfigureAwait(false);
            }

            refreshed.Add(channel.Key);
        }

        // A refreshed channel's stale members went with its refresh; framework channels ($…) never
        // have presence. A channel without presence has no keys, which the script reads as empty.
        var others = broker.Hub.Channels.Where(c => !c.Name.StartsWith('$') && !refreshed.Contains(c)).ToArray();
        foreach (var chunk in others.Chunk(ExpireBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = new List<RedisKey>(2 * chunk.Length);
            var args = new List<RedisValue>(1 + chunk.Length) { redis.Now };
            foreach (var channel in chunk)
            {
                keys.Add(Keys.PresenceMembers(channel));
                keys.Add(Keys.PresenceExpiries(channel));
                args.Add(Keys.PubSub(channel).ToString());
            }

            await redis.RunAsync(database => database.ScriptEvaluateAsync(RedisScripts.ExpireMembers, [.. keys], [.. args]), "expire").ConfigureAwait(false);
        }
    }

    // Adds or refreshes members of one channel held by this node (a join is a refresh of one).
    private Task RefreshAsync(ChannelKey channel, PresenceMember[] members)
    {
        var now = redis.Now;
        var ttl = RedisCalls.Milliseconds(redis.Options.PresenceTtl);
        var channelTtl = redis.ChannelTtl;
        var args = new List<RedisValue>(6 + 2 * members.Length)
        {
            now, (RedisValue)Keys.PubSub(channel).ToString(), now + ttl, Math.Max(ttl * 2, channelTtl), now + channelTtl, channel.Name,
        };
        foreach (var member in members)
        {
            args.Add(member.ClientId);
            args.Add(RedisWire.WriteMember(member));
        }

        return redis.RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Refresh,
            [Keys.PresenceMembers(channel), Keys.PresenceExpiries(channel), Keys.ChannelsOf(channel)],
            [.. args]), "presence");
    }
}
