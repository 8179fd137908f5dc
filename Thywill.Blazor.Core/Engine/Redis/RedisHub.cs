using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The node's fan-out: one Redis subscription per channel per node, however many of the node's
/// sessions subscribe, and one ordered delivery to them. The hub hands its subscribers each
/// channel's publications gap-free and in offset order: a message that arrives past the next
/// expected offset (pub/sub lost one) is preceded by the missing ones read from the channel's
/// stream, a repeat is dropped, and a periodic position check catches a lost <em>last</em> message
/// that no later one would reveal. What the stream no longer holds cannot be filled: subscribers
/// see the hole and tell their clients <c>recovered: false</c>.
/// </summary>
internal sealed partial class RedisHub(RedisConnection connection, RedisKeys keys, Func<ChannelKey, long, ValueTask<ChannelHistory>> readHistory, ILogger logger)
{
    private readonly ConcurrentDictionary<ChannelKey, LocalChannel> _channels = new();

    /// <summary>The channels this node subscribes to.</summary>
    public ICollection<ChannelKey> Channels => _channels.Keys;

    /// <summary>How many of this node's sessions subscribe to a channel.</summary>
    public int SubscriberCount(ChannelKey channel)
    {
        if (!_channels.TryGetValue(channel, out var local))
        {
            return 0;
        }

        lock (local.Gate)
        {
            return local.Subscribers.Count;
        }
    }

    /// <summary>Adds a subscriber; the node subscribes in Redis for the channel's first.</summary>
    public async ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken)
    {
        while (true)
        {
            var local = _channels.GetOrAdd(channel, static key => new LocalChannel(key));
            await local.Delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (local.Removed)
                {
                    continue; // its last subscriber left meanwhile: a fresh one replaces it
                }

                if (local.Queue is null)
                {
                    await OpenAsync(local).ConfigureAwait(false);
                }

                lock (local.Gate)
                {
                    local.Subscribers.Add(subscriber);
                }

                return new Subscription(this, local, subscriber);
            }
            finally
            {
                local.Delivery.Release();
            }
        }
    }

    /// <summary>How many channels' positions one check command reads.</summary>
    internal const int PositionBatch = 256;

    /// <summary>How many recently published channel names one check reads per application before it checks them all.</summary>
    internal const int ActiveLimit = 10_000;

    // When the previous check started (this node's clock, ms); 0 before the first.
    private long _lastCheck;

    /// <summary>
    /// Compares subscribed channels' newest offsets in Redis with the last ones delivered, and
    /// delivers what pub/sub lost. A channel found behind is filled at the next check, so that a
    /// message merely in flight is not read twice. Only channels published since the previous check
    /// (less <paramref name="margin"/>, for the nodes' clocks) are read, as the application's channel
    /// set records each publication's time (its score is the publisher's now plus
    /// <paramref name="channelTtl"/>), and those found behind before; the first check reads all.
    /// Positions are read <see cref="PositionBatch"/> channels to a command: a node with thousands of
    /// clients has thousands of personal channels, most of them idle.
    /// </summary>
    /// <param name="now">This node's time (ms).</param>
    /// <param name="channelTtl">The channels' TTL (ms), <c>Thywill:Engine:Redis:ChannelTtl</c>, the same on every node.</param>
    /// <param name="margin">How far before the previous check a publication still counts as recent (ms).</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task CheckPositionsAsync(long now, long channelTtl, long margin, CancellationToken cancellationToken)
    {
        var database = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var open = _channels.Values.Where(l => l.Queue is not null && !l.Removed).ToArray();
        var since = _lastCheck - margin;
        var first = _lastCheck == 0;
        _lastCheck = now;
        var candidates = new List<LocalChannel>(first ? open.Length : 16);
        foreach (var group in open.GroupBy(l => keys.ChannelsOf(l.Key)))
        {
            if (first)
            {
                candidates.AddRange(group);
                continue;
            }

            HashSet<string>? active;
            try
            {
                var recent = await database.SortedSetRangeByScoreAsync(group.Key, since + channelTtl, double.PositiveInfinity, take: ActiveLimit).ConfigureAwait(false);
                active = recent.Length >= ActiveLimit ? null : recent.Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                Log.CheckFailed(logger, e, group.Count());
                _lastCheck = Math.Min(_lastCheck, since + margin);   // not checked: keep the window open
                continue;
            }

            candidates.AddRange(group.Where(l => active is null || active.Contains(l.Key.Name) || l.Behind is not null));
        }

        for (var start = 0; start < candidates.Count; start += PositionBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = candidates[start..Math.Min(candidates.Count, start + PositionBatch)];
            RedisResult[] positions;
            try
            {
                var read = await database.ScriptEvaluateAsync(RedisScripts.Positions, [.. batch.Select(l => keys.Meta(l.Key))]).ConfigureAwait(false);
                positions = (RedisResult[])read!;
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                Log.CheckFailed(logger, e, batch.Count);
                _lastCheck = Math.Min(_lastCheck, since + margin);
                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var meta = (RedisResult[])positions[i]!;
                await CheckAsync(batch[i], meta[0].IsNull ? null : ((string)meta[0]!, (long)meta[1]), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // One channel's check, against the position read for it. That read came before the channel's
    // delivery lock: what was delivered since is at or past it, so it is not taken for a loss.
    private async Task CheckAsync(LocalChannel local, (string Epoch, long Offset)? position, CancellationToken cancellationToken)
    {
        await local.Delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (local.Removed || local.Queue is null)
            {
                return;
            }

            if (position is not { } found)
            {
                local.Behind = null;
                return;
            }

            var delivered = found.Epoch == local.Epoch ? local.Offset : 0;
            if (found.Offset <= delivered)
            {
                local.Behind = null;
            }
            else if (local.Behind == found)
            {
                Log.Behind(logger, local.Key.ApplicationId, local.Key.Name, local.Epoch, local.Offset, found.Epoch, found.Offset);
                await FillAsync(local, found.Epoch, delivered, found.Offset).ConfigureAwait(false);
                local.Behind = null;
            }
            else
            {
                local.Behind = found;
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Log.CheckFillFailed(logger, e, local.Key.ApplicationId, local.Key.Name);
        }
        finally
        {
            local.Delivery.Release();
        }
    }

    // Subscribes in Redis and learns the channel's position, so that a message lost right after is
    // seen as missing. Called under local.Delivery, which holds back messages until then.
    private async Task OpenAsync(LocalChannel local)
    {
        var multiplexer = await connection.GetAsync().ConfigureAwait(false);
        var queue = await multiplexer.GetSubscriber().SubscribeAsync(keys.PubSub(local.Key)).ConfigureAwait(false);
        try
        {
            var meta = await multiplexer.GetDatabase().HashGetAsync(keys.Meta(local.Key), [(RedisValue)"e", (RedisValue)"o"]).ConfigureAwait(false);
            local.Epoch = meta[0].IsNull ? null : (string)meta[0]!;
            local.Offset = meta[1].IsNull ? 0 : (long)meta[1];
        }
        catch
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
            throw;
        }

        local.Queue = queue;
        queue.OnMessage(message => OnMessageAsync(local, message));
    }

    private async Task OnMessageAsync(LocalChannel local, ChannelMessage message)
    {
        RedisMessage parsed;
        try
        {
            parsed = RedisWire.Read(local.Key, ((ReadOnlyMemory<byte>)message.Message).Span);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Log.Unreadable(logger, e, local.Key.ApplicationId, local.Key.Name);
            return;
        }

        await local.Delivery.WaitAsync().ConfigureAwait(false);
        try
        {
            if (local.Removed)
            {
                return;
            }

            if (parsed.Presence is { } presence)
            {
                Deliver(local, presence);
                return;
            }

            var publication = parsed.Publication!;
            if (publication.Epoch == local.Epoch)
            {
                if (publication.Offset <= local.Offset)
                {
                    return; // delivered already, by a fill
                }

                if (publication.Offset > local.Offset + 1)
                {
                    await FillAsync(local, publication.Epoch, local.Offset, publication.Offset - 1).ConfigureAwait(false);
                }
            }
            else if (local.Epoch is not null && publication.Offset > 1)
            {
                // A new epoch (Redis lost the channel): its first publications may have come while
                // this node's subscription was reconnecting.
                await FillAsync(local, publication.Epoch, 0, publication.Offset - 1).ConfigureAwait(false);
            }

            Deliver(local, publication);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            // The fill failed: deliver anyway; subscribers see the hole and catch up from history.
            Log.FillFailed(logger, e, local.Key.ApplicationId, local.Key.Name);
            if (parsed.Publication is { } publication)
            {
                Deliver(local, publication);
            }
        }
        finally
        {
            local.Delivery.Release();
        }
    }

    // Delivers what the stream holds in (afterOffset, throughOffset] of an epoch, in order.
    private async Task FillAsync(LocalChannel local, string epoch, long afterOffset, long throughOffset)
    {
        var found = await readHistory(local.Key, afterOffset).ConfigureAwait(false);
        if (found.Epoch != epoch)
        {
            return;
        }

        foreach (var publication in found.Publications)
        {
            if (publication.Offset > throughOffset)
            {
                break;
            }

            if (publication.Epoch != local.Epoch || publication.Offset > local.Offset)
            {
                Deliver(local, publication);
            }
        }
    }

    // Redis away or too slow: a timeout is not a RedisException, and a fill's read comes back from
    // the engine as its unavailable error.
    private static bool IsUnavailable(Exception e) =>
        e is RedisException or RedisTimeoutException or Rpc.RpcException { Code: Clients.ErrorCodes.Unavailable };

    private static void Deliver(LocalChannel local, Publication publication)
    {
        local.Epoch = publication.Epoch;
        local.Offset = publication.Offset;
        lock (local.Gate)
        {
            foreach (var subscriber in local.Subscribers)
            {
                subscriber.OnPublication(publication);
            }
        }
    }

    private static void Deliver(LocalChannel local, PresenceEvent presence)
    {
        lock (local.Gate)
        {
            foreach (var subscriber in local.Subscribers)
            {
                subscriber.OnPresence(presence);
            }
        }
    }

    private async ValueTask RemoveAsync(LocalChannel local, IChannelSubscriber subscriber)
    {
        await local.Delivery.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (local.Gate)
            {
                local.Subscribers.Remove(subscriber);
                if (!local.Subscribers.IsEmpty || local.Removed)
                {
                    return;
                }

                local.Removed = true;
            }

            _channels.TryRemove(new KeyValuePair<ChannelKey, LocalChannel>(local.Key, local));
            if (local.Queue is { } queue)
            {
                try
                {
                    await queue.UnsubscribeAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (IsUnavailable(e))
                {
                    // Redis is away: the subscription went with the connection, and is not restored
                    // for a channel the multiplexer no longer has a handler for.
                    Log.UnsubscribeFailed(logger, e, local.Key.ApplicationId, local.Key.Name);
                }
            }
        }
        finally
        {
            local.Delivery.Release();
        }
    }

    /// <summary>One channel on this node.</summary>
    private sealed class LocalChannel(ChannelKey key)
    {
        public ChannelKey Key { get; } = key;

        /// <summary>Guards <see cref="Subscribers"/>.</summary>
        public Lock Gate { get; } = new();

        /// <summary>One delivery at a time: a message, a fill or a check; also opening and closing.</summary>
        public SemaphoreSlim Delivery { get; } = new(1, 1);

        public SubscriberList Subscribers { get; } = new();

        public ChannelMessageQueue? Queue { get; set; }

        public bool Removed { get; set; }

        /// <summary>The epoch and offset of the last publication delivered (or found at subscribe).</summary>
        public string? Epoch { get; set; }

        public long Offset { get; set; }

        /// <summary>The position a check found ahead of the delivered one, to be filled at the next check if still so.</summary>
        public (string Epoch, long Offset)? Behind { get; set; }
    }

    private sealed class Subscription(RedisHub hub, LocalChannel local, IChannelSubscriber subscriber) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? hub.RemoveAsync(local, subscriber) : ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(92, LogLevel.Warning, "Engine message on {AppId}/{Channel} could not be read; dropped")]
        public static partial void Unreadable(ILogger logger, Exception exception, string appId, string channel);

        [LoggerMessage(93, LogLevel.Warning, "Filling a gap on {AppId}/{Channel} from Redis failed; subscribers catch up from history")]
        public static partial void FillFailed(ILogger logger, Exception exception, string appId, string channel);

        [LoggerMessage(94, LogLevel.Information, "{AppId}/{Channel} was behind Redis ({Epoch}/{Offset} delivered, {RedisEpoch}/{RedisOffset} in Redis): filling from the stream")]
        public static partial void Behind(ILogger logger, string appId, string channel, string? epoch, long offset, string redisEpoch, long redisOffset);

        [LoggerMessage(95, LogLevel.Debug, "Position check of {Count} channels failed")]
        public static partial void CheckFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(101, LogLevel.Debug, "Filling {AppId}/{Channel} after a position check failed; the next check tries again")]
        public static partial void CheckFillFailed(ILogger logger, Exception exception, string appId, string channel);

        [LoggerMessage(96, LogLevel.Debug, "Unsubscribing {AppId}/{Channel} from Redis failed")]
        public static partial void UnsubscribeFailed(ILogger logger, Exception exception, string appId, string channel);
    }
}
