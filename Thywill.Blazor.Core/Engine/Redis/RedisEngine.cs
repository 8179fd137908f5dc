using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The engine of many nodes, on one Redis server. Each channel has a meta hash (epoch, newest
/// offset), a stream (its history, capped by size, bytes and age) and a pub/sub channel; one Lua
/// script per publication assigns the next offset, appends to the stream, trims it and publishes the
/// payload with its epoch and offset, atomically, so offsets are gap-free and ordered whichever node
/// publishes. A channel Redis lost (expired, or a restart without persistence) starts a new epoch,
/// so no position from before is taken for one in it. Presence entries expire unless the node
/// holding the member refreshes them; memberships expire unless retained. The node fans each
/// channel out to its own sessions through <see cref="RedisHub"/>. While Redis is away every call
/// fails with <see cref="ErrorCodes.Unavailable"/>: nothing is acknowledged that Redis did not keep.
/// </summary>
internal sealed partial class RedisEngine : IThywillEngine
{
    private readonly RedisConnection _connection;
    private readonly ChannelRules _rules;
    private readonly TimeProvider _time;
    private readonly RedisEngineOptions _options;
    private readonly ILogger<RedisEngine> _logger;
    private readonly RedisKeys _keys;
    private readonly RedisHub _hub;
    private readonly ConcurrentDictionary<(ChannelKey Channel, string ClientId), PresenceMember> _members = new();
    private readonly ConcurrentDictionary<string, int> _channelCounts = new(StringComparer.Ordinal);
    private readonly Diagnostics.ThywillMetrics? _metrics;

    public RedisEngine(RedisConnection connection, ChannelRules rules, IOptions<EngineOptions> options, TimeProvider time, ILogger<RedisEngine> logger, Diagnostics.ThywillMetrics? metrics = null)
    {
        _metrics = metrics;
        _connection = connection;
        _rules = rules;
        _time = time;
        _options = options.Value.Redis;
        _logger = logger;
        _keys = new RedisKeys(connection.Prefix);
        _hub = new RedisHub(connection, _keys, (channel, after) => ReadHistoryAsync(channel, after), logger);
        _started = time.GetUtcNow().ToUnixTimeMilliseconds();
        metrics?.Meter.CreateObservableCounter(
            "thywill.engine.redis.operations",
            () => connection.OperationsSent,
            "{operation}",
            "Operations this node sent to Redis: commands and script calls, pub/sub included (not what a script runs inside Redis).");
    }

    /// <summary>The operations this node has sent to Redis (<see cref="RedisConnection.OperationsSent"/>).</summary>
    internal long OperationsSent => _connection.OperationsSent;

    private readonly long _started;

    /// <summary>This node's id in the node list.</summary>
    public string NodeId { get; } = IdGenerator.NewId()[..12];

    /// <summary>The node's fan-out.</summary>
    internal RedisHub Hub => _hub;

    private const long DayMs = 24 * 60 * 60 * 1000;

    /// <summary>How many of a channel's members one refresh command carries.</summary>
    internal const int RefreshBatch = 256;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long ChannelTtl => Milliseconds(_options.ChannelTtl);

    public async ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rule = _rules.ForServer(channel);
        var id = IdGenerator.NewId();
        var timestamp = _time.GetUtcNow();
        var kept = data.Clone();
        var origin = Diagnostics.ThywillMetrics.PublishOrigin();
        var body = RedisWire.WriteBody(id, from, timestamp, exclude, kept, origin);
        var now = timestamp.ToUnixTimeMilliseconds();
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Publish,
            [_keys.Meta(channel), _keys.Stream(channel), _keys.ChannelsOf(channel)],
            [
                NewEpoch(), body, Push.MessageSize.Measure(kept), rule.HistorySize, rule.HistoryMaxBytes, now,
                now - Milliseconds(rule.HistoryAge), now + ChannelTtl, ChannelTtl, Math.Max(1, Milliseconds(rule.HistoryAge)),
                (RedisValue)_keys.PubSub(channel).ToString(), channel.Name,
            ]), "publish").ConfigureAwait(false);
        var values = (RedisResult[])result!;
        return new Publication(id, channel, (string)values[0]!, (long)values[1], from, kept, timestamp, exclude) { Origin = origin };
    }

    public async ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Seed,
            [_keys.Meta(channel), _keys.Stream(channel), _keys.ChannelsOf(channel)],
            [epoch, latestOffset, Now + ChannelTtl, ChannelTtl, channel.Name]), "seed").ConfigureAwait(false);
    }

    public async ValueTask<bool> ForgetIfIdleAsync(ChannelKey channel, long persistedOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_hub.SubscriberCount(channel) > 0)
        {
            return false;
        }

        // Another node's subscription: Redis counts the nodes subscribed to the channel.
        var numsub = await RunAsync(database => database.ExecuteAsync("PUBSUB", "NUMSUB", _keys.PubSub(channel).ToString()), "forget").ConfigureAwait(false);
        if ((long)((RedisResult[])numsub!)[1] > 0)
        {
            return false;
        }

        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Forget,
            [_keys.Meta(channel), _keys.Stream(channel), _keys.PresenceExpiries(channel), _keys.ChannelsOf(channel)],
            [persistedOffset, Now, channel.Name]), "forget").ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<bool> ReserveChannelAsync(ChannelKey channel, int maxPerApplication, CancellationToken cancellationToken = default)
    {
        if (channel.Name.StartsWith('$'))
        {
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Reserve,
            [_keys.Channels(channel.ApplicationId), _keys.Meta(channel)],
            [channel.Name, maxPerApplication, now, now + ChannelTtl]), "reserve").ConfigureAwait(false);
        _channelCounts.TryAdd(channel.ApplicationId, 0);
        return (int)result == 1;
    }

    /// <inheritdoc />
    /// <remarks>From the last count the node's checks made (every <c>Thywill:Engine:Redis:CheckInterval</c>): a gauge, not a guard.</remarks>
    public int ChannelCountOf(string applicationId) => _channelCounts.TryGetValue(applicationId, out var count) ? count : 0;

    // The members this node refreshes; other nodes count their own.
    public int PresenceCountOf(string applicationId) => _members.Keys.Count(k => k.Channel.ApplicationId == applicationId);

    public async ValueTask<IReadOnlyList<ChannelSummary>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var names = new List<string>();
        await RunAsync(async database =>
        {
            // Bounded: an operator's listing of framework channels (one per client) reads at most 10,000.
            foreach (var key in includeFramework ? [_keys.Channels(applicationId), _keys.FrameworkChannels(applicationId)] : new[] { _keys.Channels(applicationId) })
            {
                var found = await database.SortedSetRangeByScoreAsync(key, now, double.PositiveInfinity, take: 10_000).ConfigureAwait(false);
                names.AddRange(found.Select(n => (string)n!));
            }

            return 0;
        }, "list").ConfigureAwait(false);

        names.Sort(StringComparer.Ordinal);
        var listed = new List<ChannelSummary>();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Take(max))
        {
            var channel = new ChannelKey(applicationId, name);
            var summary = await RunAsync(async database =>
            {
                var meta = database.HashGetAsync(_keys.Meta(channel), [(RedisValue)"e", (RedisValue)"o", (RedisValue)"b"]);
                var length = database.StreamLengthAsync(_keys.Stream(channel));
                var presence = database.SortedSetLengthAsync(_keys.PresenceExpiries(channel), now, double.PositiveInfinity);
                var values = await meta.ConfigureAwait(false);
                return values[0].IsNull
                    ? null
                    : new ChannelSummary(name, (string)values[0]!, (long)values[1], (int)await length.ConfigureAwait(false), values[2].IsNull ? 0 : (long)values[2], (int)await presence.ConfigureAwait(false), _hub.SubscriberCount(channel));
            }, "list").ConfigureAwait(false);
            if (summary is not null)
            {
                listed.Add(summary);
            }
        }

        return listed;
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<IAsyncDisposable>(RunAsync(async _ => await _hub.SubscribeAsync(channel, subscriber, cancellationToken).ConfigureAwait(false), "subscribe"));
    }

    public async ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rule = _rules.ForServer(channel);
        var now = Now;

        // Lua numbers are doubles: "from now" (long.MaxValue) becomes the largest exact one.
        var after = Math.Clamp(afterOffset, 0, (1L << 53) - 1);
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.History,
            [_keys.Meta(channel), _keys.Stream(channel), _keys.ChannelsOf(channel)],
            [NewEpoch(), after, rule.HistorySize, rule.HistoryMaxBytes, now - Milliseconds(rule.HistoryAge), now + ChannelTtl, ChannelTtl, channel.Name]), "history").ConfigureAwait(false);
        var values = (RedisResult[])result!;
        var epoch = (string)values[0]!;
        var latest = (long)values[1];
        var oldest = (string?)values[2];
        var entries = (RedisResult[])values[3]!;
        var publications = new List<Publication>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisResult[])parts[1]!;
            for (var i = 0; i < fields.Length; i += 2)
            {
                if ((string?)fields[i] == "b")
                {
                    publications.Add(RedisWire.ReadBody(channel, epoch, OffsetOf((string)parts[0]!), (byte[])fields[i + 1]!));
                }
            }
        }

        var oldestKept = string.IsNullOrEmpty(oldest) ? latest + 1 : OffsetOf(oldest);
        var complete = afterOffset >= latest || oldestKept <= afterOffset + 1;
        return new ChannelHistory(epoch, latest, publications, complete);
    }

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
        await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Leave,
            [_keys.PresenceMembers(channel), _keys.PresenceExpiries(channel)],
            [clientId, (RedisValue)_keys.PubSub(channel).ToString()]), "leave").ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Members,
            [_keys.PresenceMembers(channel), _keys.PresenceExpiries(channel)],
            [Now, (RedisValue)_keys.PubSub(channel).ToString()]), "presence").ConfigureAwait(false);
        return ((RedisResult[])result!).Select(m => RedisWire.ReadMember((byte[])m!)).ToArray();
    }

    public async ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = _keys.Memberships(applicationId, clientId);
        return await RunAsync(async database =>
        {
            var transaction = database.CreateTransaction();
            var added = transaction.SetAddAsync(key, channel);
            _ = transaction.KeyExpireAsync(key, retention);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            return await added.ConfigureAwait(false);
        }, "membership").ConfigureAwait(false);
    }

    // RefreshBatch clients to a command: a sweep over thousands of clients was a transaction each.
    public async ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var added = new List<IReadOnlyList<string>>(clients.Count);
        foreach (var chunk in clients.Chunk(RefreshBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = new List<RedisValue> { Milliseconds(retention) };
            foreach (var client in chunk)
            {
                args.Add(client.Channels.Count);
                args.AddRange(client.Channels.Select(c => (RedisValue)c));
            }

            var result = await RunAsync(database => database.ScriptEvaluateAsync(
                RedisScripts.RetainMemberships,
                [.. chunk.Select(c => _keys.Memberships(c.ApplicationId, c.ClientId))],
                [.. args]), "membership").ConfigureAwait(false);
            added.AddRange(((RedisResult[])result!).Select(r => (IReadOnlyList<string>)((RedisResult[])r!).Select(c => (string)c!).ToArray()));
        }

        return added;
    }

    public async ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await RunAsync(database => database.SetRemoveAsync(_keys.Memberships(applicationId, clientId), channel), "membership").ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var members = await RunAsync(database => database.SetMembersAsync(_keys.Memberships(applicationId, clientId)), "membership").ConfigureAwait(false);
        var names = members.Select(m => (string)m!).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// The node's periodic work: refreshes the presence of the members it holds (re-adding any that
    /// expired while it was away), expires other nodes' stale members in the channels it serves so
    /// their subscribers see <c>leave</c>, checks its channels' positions, counts channels and beats.
    /// </summary>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="clients">This node's connected clients, for its heartbeat.</param>
    public async Task RunChecksAsync(CancellationToken cancellationToken, int clients = 0)
    {
        // A command per channel (per RefreshBatch members), not per member: a node holding
        // thousands of members refreshes them every check.
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

        var database = (await _connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var now = Now;
        foreach (var channel in _hub.Channels)
        {
            // A refreshed channel's stale members went with its refresh.
            if (!channel.Name.StartsWith('$') && !refreshed.Contains(channel) && _rules.ForServer(channel).Presence)
            {
                await Guard(() => database.ScriptEvaluateAsync(
                    RedisScripts.ExpireMembers,
                    [_keys.PresenceMembers(channel), _keys.PresenceExpiries(channel)],
                    [now, (RedisValue)_keys.PubSub(channel).ToString()]), "expire").ConfigureAwait(false);
            }
        }

        // A publication counts as recent from a CheckInterval plus 10 s before the previous check:
        // room for the nodes' clocks to differ.
        await _hub.CheckPositionsAsync(now, ChannelTtl, Milliseconds(_options.CheckInterval) + 10_000, cancellationToken).ConfigureAwait(false);
        foreach (var application in _channelCounts.Keys)
        {
            var count = await Guard(() => database.SortedSetLengthAsync(_keys.Channels(application), now, double.PositiveInfinity), "count").ConfigureAwait(false);
            _channelCounts[application] = (int)count;
        }

        await BeatAsync(database, now, clients).ConfigureAwait(false);
    }

    /// <summary>
    /// The nodes Redis has heard from within a day, this one first: up while their heartbeat is
    /// within <c>Thywill:Engine:Redis:NodeTtl</c>.
    /// </summary>
    /// <param name="ownClients">This node's connected clients (its own entry may be a beat old).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<NodeInfo>> ListNodesAsync(int ownClients, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var database = (await _connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var now = Now;
        var nodes = await Guard(() => database.SortedSetRangeByScoreWithScoresAsync(_keys.Nodes, now - DayMs, double.PositiveInfinity, take: 1_000), "nodes").ConfigureAwait(false);
        var described = await Task.WhenAll(nodes.Select(n => Guard(() => database.HashGetAsync(_keys.Node((string)n.Element!), [(RedisValue)"machine", (RedisValue)"clients", (RedisValue)"started"]), "nodes"))).ConfigureAwait(false);
        var upSince = now - Milliseconds(_options.NodeTtl);
        var listed = nodes.Zip(described, (node, fields) =>
        {
            var id = (string)node.Element!;
            var self = id == NodeId;
            return new NodeInfo(
                id,
                fields[0].IsNull ? "" : (string)fields[0]!,
                self ? ownClients : fields[1].IsNull ? 0 : (int)fields[1],
                fields[2].IsNull ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]),
                DateTimeOffset.FromUnixTimeMilliseconds((long)node.Score),
                self || node.Score >= upSince,
                self);
        });
        return listed.OrderByDescending(n => n.IsThisNode).ThenBy(n => n.Id, StringComparer.Ordinal).ToArray();
    }

    private async Task BeatAsync(IDatabase database, long now, int clients)
    {
        var transaction = database.CreateTransaction();
        _ = transaction.SortedSetAddAsync(_keys.Nodes, NodeId, now);
        _ = transaction.HashSetAsync(_keys.Node(NodeId), [new("machine", Environment.MachineName), new("clients", clients), new("started", _started)]);
        _ = transaction.KeyExpireAsync(_keys.Node(NodeId), TimeSpan.FromMilliseconds(DayMs));

        // Nodes gone for a day leave the list for good.
        _ = transaction.SortedSetRemoveRangeByScoreAsync(_keys.Nodes, double.NegativeInfinity, now - DayMs);
        await Guard(() => transaction.ExecuteAsync(), "heartbeat").ConfigureAwait(false);
    }

    // Adds or refreshes members of one channel held by this node (a join is a refresh of one).
    private Task RefreshAsync(ChannelKey channel, PresenceMember[] members)
    {
        var now = Now;
        var ttl = Milliseconds(_options.PresenceTtl);
        var args = new List<RedisValue>(6 + 2 * members.Length)
        {
            now, (RedisValue)_keys.PubSub(channel).ToString(), now + ttl, Math.Max(ttl * 2, ChannelTtl), now + ChannelTtl, channel.Name,
        };
        foreach (var member in members)
        {
            args.Add(member.ClientId);
            args.Add(RedisWire.WriteMember(member));
        }

        return RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Refresh,
            [_keys.PresenceMembers(channel), _keys.PresenceExpiries(channel), _keys.ChannelsOf(channel)],
            [.. args]), "presence");
    }

    private static string NewEpoch() => IdGenerator.NewId()[..12];

    private static long Milliseconds(TimeSpan span) => (long)Math.Min(span.TotalMilliseconds, 1e15);

    private static long OffsetOf(string entryId) =>
        long.Parse(entryId.AsSpan(0, entryId.IndexOf('-', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);

    // A Redis failure becomes the framework's coded error: callers tell the browser "unavailable".
    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, string operation)
    {
        var multiplexer = await _connection.GetAsync().ConfigureAwait(false);
        return await Guard(() => command(multiplexer.GetDatabase()), operation).ConfigureAwait(false);
    }

    private async Task<T> Guard<T>(Func<Task<T>> command, string operation)
    {
        var started = _time.GetTimestamp();
        var failed = true;
        try
        {
            var result = await command().ConfigureAwait(false);
            failed = false;
            return result;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Log.Unavailable(_logger, operation, e.Message);
            throw new RpcException(ErrorCodes.Unavailable, "The engine's Redis is unavailable; nothing was done.");
        }
        finally
        {
            _metrics?.EngineCalled(operation, failed, _time.GetElapsedTime(started));
        }
    }

    /// <summary>Whether Redis answers a PING within the command timeout, and how fast: for the readiness check.</summary>
    public async Task<TimeSpan> PingAsync() =>
        await RunAsync(database => database.PingAsync(), "ping").ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(97, LogLevel.Debug, "Engine {Operation} failed: Redis is unavailable ({Reason})")]
        public static partial void Unavailable(ILogger logger, string operation, string reason);
    }
}
