using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The broker of many nodes, on one Redis server. Each channel has a meta hash (epoch, newest
/// offset, the retention its publisher passed), a stream (its history, capped by size, bytes and
/// age) and a pub/sub channel; one Lua script per publication assigns the next offset, appends to
/// the stream, trims it and publishes the payload with its epoch and offset, atomically, so offsets
/// are gap-free and ordered whichever node publishes. A channel Redis lost (expired, or a restart
/// without persistence) starts a new epoch, so no position from before is taken for one in it. The
/// node fans each channel out to its own sessions through <see cref="RedisHub"/>. While Redis is
/// away every call fails with <see cref="ErrorCodes.Unavailable"/>: nothing is acknowledged that
/// Redis did not keep.
/// </summary>
internal sealed class RedisBroker : IChannelBroker
{
    private readonly RedisCalls _redis;
    private readonly RedisHub _hub;
    private readonly ConcurrentDictionary<string, int> _channelCounts = new(StringComparer.Ordinal);

    public RedisBroker(RedisCalls redis, ILogger<RedisBroker> logger)
    {
        _redis = redis;
        _hub = new RedisHub(redis.Connection, redis.Keys, (channel, after) => ReadHistoryAsync(channel, after), logger);
    }

    /// <summary>The node's fan-out.</summary>
    internal RedisHub Hub => _hub;

    private RedisKeys Keys => _redis.Keys;

    private long Now => _redis.Now;

    private long ChannelTtl => _redis.ChannelTtl;

    public async ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, ChannelRetention retention, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = IdGenerator.NewId();
        var timestamp = _redis.Time.GetUtcNow();
        var kept = data.Clone();
        var origin = Diagnostics.ThywillMetrics.PublishOrigin();
        var body = RedisWire.WriteBody(id, from, timestamp, exclude, kept, origin);
        var now = timestamp.ToUnixTimeMilliseconds();
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Publish,
            [Keys.Meta(channel), Keys.Stream(channel), Keys.ChannelsOf(channel)],
            [
                NewEpoch(), body, Push.MessageSize.Measure(kept), retention.Size, retention.MaxBytes, now,
                Milliseconds(retention.Age), now + ChannelTtl, ChannelTtl, Math.Max(1, Milliseconds(retention.Age)),
                (RedisValue)Keys.PubSub(channel).ToString(), channel.Name, retention.Archived ? 1 : 0,
            ]), "publish").ConfigureAwait(false);
        if (result.IsNull)
        {
            throw new UnseededChannelException(channel);
        }

        var values = (RedisResult[])result!;
        return new Publication(id, channel, (string)values[0]!, (long)values[1], from, kept, timestamp, exclude) { Origin = origin };
    }

    public async ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Seed,
            [Keys.Meta(channel), Keys.Stream(channel), Keys.ChannelsOf(channel)],
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
        var numsub = await RunAsync(database => database.ExecuteAsync("PUBSUB", "NUMSUB", Keys.PubSub(channel).ToString()), "forget").ConfigureAwait(false);
        if ((long)((RedisResult[])numsub!)[1] > 0)
        {
            return false;
        }

        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.Forget,
            [Keys.Meta(channel), Keys.Stream(channel), Keys.ChannelsOf(channel)],
            [persistedOffset, channel.Name]), "forget").ConfigureAwait(false);
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
            [Keys.Channels(channel.ApplicationId), Keys.Meta(channel)],
            [channel.Name, maxPerApplication, now, now + ChannelTtl]), "reserve").ConfigureAwait(false);
        _channelCounts.TryAdd(channel.ApplicationId, 0);
        return (int)result == 1;
    }

    /// <inheritdoc />
    /// <remarks>From the last count the node's checks made (every <c>Thywill:Engine:Redis:CheckInterval</c>): a gauge, not a guard.</remarks>
    public int ChannelCountOf(string applicationId) => _channelCounts.TryGetValue(applicationId, out var count) ? count : 0;

    public async ValueTask<IReadOnlyList<BrokerChannel>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        var names = new List<string>();
        await RunAsync(async database =>
        {
            // Bounded: an operator's listing of framework channels (one per client) reads at most 10,000.
            foreach (var key in includeFramework ? [Keys.Channels(applicationId), Keys.FrameworkChannels(applicationId)] : new[] { Keys.Channels(applicationId) })
            {
                var found = await database.SortedSetRangeByScoreAsync(key, now, double.PositiveInfinity, take: 10_000).ConfigureAwait(false);
                names.AddRange(found.Select(n => (string)n!));
            }

            return 0;
        }, "list").ConfigureAwait(false);

        names.Sort(StringComparer.Ordinal);
        var listed = new List<BrokerChannel>();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Take(max))
        {
            var channel = new ChannelKey(applicationId, name);
            var summary = await RunAsync(async database =>
            {
                var meta = database.HashGetAsync(Keys.Meta(channel), [(RedisValue)"e", (RedisValue)"o", (RedisValue)"b"]);
                var length = database.StreamLengthAsync(Keys.Stream(channel));
                var values = await meta.ConfigureAwait(false);
                return values[0].IsNull
                    ? null
                    : new BrokerChannel(name, (string)values[0]!, (long)values[1], (int)await length.ConfigureAwait(false), values[2].IsNull ? 0 : (long)values[2], _hub.SubscriberCount(channel));
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

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(channel, afterOffset, seeded: false, cancellationToken);

    public ValueTask<ChannelHistory> ReadSeededHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(channel, afterOffset, seeded: true, cancellationToken);

    private async ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, bool seeded, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;

        // Lua numbers are doubles: "from now" (long.MaxValue) becomes the largest exact one.
        var after = Math.Clamp(afterOffset, 0, (1L << 53) - 1);
        var result = await RunAsync(database => database.ScriptEvaluateAsync(
            RedisScripts.History,
            [Keys.Meta(channel), Keys.Stream(channel), Keys.ChannelsOf(channel)],
            [NewEpoch(), after, now, now + ChannelTtl, ChannelTtl, channel.Name, seeded ? 1 : 0]), "history").ConfigureAwait(false);
        if (result.IsNull)
        {
            throw new UnseededChannelException(channel);
        }

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

    /// <summary>
    /// The broker's periodic work: checks its channels' positions (what pub/sub lost is delivered
    /// from the streams) and counts the applications' channels for the gauge.
    /// </summary>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // A publication counts as recent from a CheckInterval plus 10 s before the previous check:
        // room for the nodes' clocks to differ.
        var now = Now;
        await _hub.CheckPositionsAsync(now, ChannelTtl, Milliseconds(_redis.Options.CheckInterval) + 10_000, cancellationToken).ConfigureAwait(false);
        foreach (var application in _channelCounts.Keys)
        {
            var count = await RunAsync(database => database.SortedSetLengthAsync(Keys.Channels(application), now, double.PositiveInfinity), "count").ConfigureAwait(false);
            _channelCounts[application] = (int)count;
        }
    }

    private static string NewEpoch() => IdGenerator.NewId()[..12];

    private static long Milliseconds(TimeSpan span) => RedisCalls.Milliseconds(span);

    private static long OffsetOf(string entryId) =>
        long.Parse(entryId.AsSpan(0, entryId.IndexOf('-', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);

    private Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, string operation) => _redis.RunAsync(command, operation);
}
