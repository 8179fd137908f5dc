using Microsoft.Extensions.Logging;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Channels;

/// <summary>
/// One session's channel subscriptions and the one recovery path, used for joins, reconnects, reloads
/// and catch-up after a gap: subscribe first and hold live events back, read the history after the
/// client's position, then merge — in offset order, without repeats, checking that offsets are
/// contiguous — and go live. A position is trusted only within its epoch; a hole, a lost epoch or
/// trimmed history is told to the client as a <c>recovery</c> event with <c>recovered: false</c>.
/// </summary>
internal sealed partial class SubscriptionSet : IChannelSubscriber
{
    private readonly ClientSession _session;
    private readonly IChannelBroker _broker;
    private readonly ChannelHistoryReader _history;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelCursor> _cursors = new(StringComparer.Ordinal);
    private int _lagging;
    private int _catchingUp;
    private int _retries; // catch-ups failed in a row: the next waits longer
    private bool _merging; // under _gate: a merge is queueing a channel's history
    private int _disposed;

    public SubscriptionSet(ClientSession session, IChannelBroker broker, ChannelHistoryReader history, TimeProvider time)
    {
        _session = session;
        _broker = broker;
        _history = history;
        _time = time;
    }

    private Outbox Outbox => _session.Outbox;

    /// <summary>The channels subscribed to.</summary>
    public IReadOnlyList<string> Channels
    {
        get
        {
            lock (_gate)
            {
                return _cursors.Keys.ToArray();
            }
        }
    }

    /// <summary>Whether the session is subscribed to a channel.</summary>
    public bool Contains(string channel)
    {
        lock (_gate)
        {
            return _cursors.ContainsKey(channel);
        }
    }

    /// <summary>
    /// Subscribes to a channel and brings the client up to date: from <paramref name="from"/> when
    /// given (everything after it that is still kept, then live), else from now. Already subscribed:
    /// nothing changes and the current position is returned.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="rule">Its rule (retention, archive).</param>
    /// <param name="from">The client's last position, or <see langword="null"/> to start from now.</param>
    /// <param name="report">Whether to tell the client how the recovery went (a <c>recovery</c> event).</param>
    /// <param name="cancellationToken">Abandons the subscription.</param>
    /// <param name="withOwn">
    /// Deliver the history's publications that leave this client out too: a new page asking for a
    /// channel's history starts empty, so it does not have what its tab published before (a drawing's
    /// own strokes). Live publications still leave it out.
    /// </param>
    /// <returns>The client's position in the channel afterwards.</returns>
    public async Task<ChannelPosition> AttachAsync(ChannelKey channel, ChannelRule rule, ChannelPosition? from, bool report, CancellationToken cancellationToken, bool withOwn = false)
    {
        var cursor = new ChannelCursor(channel, rule);
        lock (_gate)
        {
            if (_cursors.TryGetValue(channel.Name, out var existing))
            {
                return new ChannelPosition(existing.Epoch ?? "", existing.Offset);
            }

            _cursors[channel.Name] = cursor;
        }

        ChannelHistory history;
        try
        {
            // An archived channel continues its epoch from the database: opened before the engine sees
            // it, and held open until the subscription is in place.
            using var lease = await _history.LeaseAsync(channel, rule).ConfigureAwait(false);
            cursor.Subscription = await _broker.SubscribeAsync(channel, this, cancellationToken).ConfigureAwait(false);
            if (!IsCurrent(cursor))
            {
                // Left (or the session ended) while subscribing: the subscription must not outlive it.
                await cursor.Subscription.DisposeAsync().ConfigureAwait(false);
                return new ChannelPosition(cursor.Epoch ?? "", cursor.Offset);
            }

            // From now: history after the newest offset is empty but tells the epoch and newest offset.
            history = await _history.ReadAsync(channel, rule, from?.Offset ?? long.MaxValue, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Left in place, the cursor would buffer live events forever and make every later
            // attach return at once: the channel would stay silent for this session.
            await AbandonAsync(cursor).ConfigureAwait(false);
            throw;
        }

        lock (_gate)
        {
            return Merge(cursor, from, report, history, withOwn);
        }
    }

    /// <summary>Unsubscribes from a channel; whether it was subscribed.</summary>
    public async Task<bool> DetachAsync(string channel)
    {
        ChannelCursor? cursor;
        lock (_gate)
        {
            if (!_cursors.Remove(channel, out cursor))
            {
                return false;
            }
        }

        if (cursor.Subscription is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        return true;
    }

    /// <inheritdoc />
    public void OnPublication(Publication publication)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(publication.Channel.Name, out var cursor))
            {
                return;
            }

            if (cursor.Recovering)
            {
                cursor.Buffer!.Add(publication);
                return;
            }

            if (cursor.Epoch == publication.Epoch && publication.Offset > cursor.Offset + 1 && !cursor.Lagging)
            {
                // A live offset skipped: whatever carried it lost one. History has it; catch up from there.
                cursor.Lagging = true;
                Volatile.Write(ref _lagging, 1);
                StartCatchUp();
                return;
            }

            if (cursor.Epoch is not null && cursor.Epoch != publication.Epoch && !cursor.Lagging)
            {
                // The engine lost the channel (Redis restarted without it) and a new epoch began:
                // what the client missed of the old one is gone. It gets the new epoch from its
                // start, from history, and is told recovered: false.
                cursor.NewEpoch = publication.Epoch;
                cursor.Lagging = true;
                Volatile.Write(ref _lagging, 1);
                StartCatchUp();
                return;
            }

            Deliver(cursor, publication);
        }
    }

    /// <inheritdoc />
    public void OnPresence(PresenceEvent presence)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(presence.Channel.Name, out var cursor))
            {
                return;
            }

            if (cursor.Recovering)
            {
                cursor.Buffer!.Add(presence);
                return;
            }

            Enqueue(presence);
        }
    }

    /// <summary>Ends every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ChannelCursor[] cursors;
        lock (_gate)
        {
            cursors = _cursors.Values.ToArray();
            _cursors.Clear();
        }

        foreach (var cursor in cursors)
        {
            if (cursor.Subscription is { } subscription)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private bool IsCurrent(ChannelCursor cursor)
    {
        lock (_gate)
        {
            return _cursors.TryGetValue(cursor.Key.Name, out var current) && current == cursor;
        }
    }

    // Called under _gate: delivers what history holds after the client's position, then what arrived
    // live meanwhile, skipping anything already delivered, and checks the offsets join up; then goes live.
    private ChannelPosition Merge(ChannelCursor cursor, ChannelPosition? from, bool report, ChannelHistory history, bool withOwn = false)
    {
        // A position past the newest offset was never given in this epoch (an archive that lost
        // its last writes, a forged offset): trusting it would drop what comes next as repeats.
        var sameEpoch = from is not null && from.Epoch == history.Epoch && from.Offset <= history.LatestOffset;
        var lost = from is not null && !(sameEpoch && history.Complete);
        var delivered = 0;
        cursor.Epoch = history.Epoch;
        cursor.Offset = sameEpoch ? from!.Offset : history.LatestOffset;

        // History first; then what arrived meanwhile, in arrival order, except that its publications
        // are put in offset order among themselves (a notice stays where it came).
        var buffered = cursor.Buffer!;
        _merging = true;
        var live = new Queue<Publication>(buffered.OfType<Publication>().Where(p => p.Epoch == history.Epoch).OrderBy(p => p.Offset));
        foreach (var publication in sameEpoch ? history.Publications : [])
        {
            delivered += MergeOne(cursor, publication, ref lost, withOwn) ? 1 : 0;
        }

        foreach (var item in buffered)
        {
            if (item is not Publication)
            {
                Enqueue(item);
            }
            else if (live.TryDequeue(out var next))
            {
                MergeOne(cursor, next, ref lost);
            }
        }

        if (report && from is not null)
        {
            if (!cursor.ReportPending)
            {
                cursor.ReportFrom = from.Offset;
            }

            cursor.ReportPending = true;
            cursor.Lost |= lost;
            cursor.ReportDelivered += delivered;
        }

        // The outcome is told once the channel is fully caught up: after the last round when the
        // outbox overflowed again meanwhile, and after whatever was already queued.
        if (cursor.ReportPending && !cursor.Lagging)
        {
            var outcome = new RecoveryEvent(cursor.Key.Name, !cursor.Lost, history.Epoch, cursor.ReportFrom, cursor.ReportDelivered);
            if (Outbox.TryEnqueue(outcome))
            {
                cursor.ReportPending = false;
                cursor.Lost = false;
                cursor.ReportDelivered = 0;
                _session.Metrics.Recovered(_session.Client.ApplicationId, outcome.Recovered);
                Log.Recovered(_session.Logger, _session.Client.ApplicationId, _session.Client.ClientId, cursor.Key.Name, outcome.Recovered, outcome.Delivered);
            }
            else
            {
                // No room even for the report: another round tells it once the outbox drains.
                cursor.Lagging = true;
                Volatile.Write(ref _lagging, 1);
            }
        }

        _merging = false;
        cursor.Buffer = null;
        cursor.Recovering = false;
        return new ChannelPosition(cursor.Epoch!, cursor.Offset);
    }

    // Called under _gate: one publication of a merge, checked for a hole before the cursor.
    private bool MergeOne(ChannelCursor cursor, Publication publication, ref bool lost, bool withOwn = false)
    {
        if (publication.Offset <= cursor.Offset)
        {
            return false; // in history and buffered too, or already delivered
        }

        if (publication.Offset != cursor.Offset + 1 && !cursor.Lagging)
        {
            lost = true; // a hole: what it held is gone
        }

        return Deliver(cursor, publication, withOwn);
    }

    private async Task AbandonAsync(ChannelCursor cursor)
    {
        lock (_gate)
        {
            if (_cursors.TryGetValue(cursor.Key.Name, out var current) && current == cursor)
            {
                _cursors.Remove(cursor.Key.Name);
            }
        }

        if (cursor.Subscription is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Called under _gate: drops what the client already has, advances the cursor, queues the rest.
    // A publication that leaves this client out still advances the cursor, so the offsets join up.
    private bool Deliver(ChannelCursor cursor, Publication publication, bool withOwn = false)
    {
        if (publication.Epoch == cursor.Epoch && publication.Offset <= cursor.Offset)
        {
            return false;
        }

        var excluded = !withOwn && publication.Excludes(_session.Client.ClientId);
        if (cursor.Lagging)
        {
            // Not queued (counted as dropped) but not lost: it is in the channel's history, and the
            // catch-up brings it in order.
            if (!excluded && !_merging)
            {
                _session.CountDropped();
            }

            return false;
        }

        if (excluded)
        {
            cursor.Epoch = publication.Epoch;
            cursor.Offset = publication.Offset;
            return false;
        }

        if (!Outbox.TryEnqueue(publication))
        {
            OnOutboxFull(cursor);
            return false;
        }

        cursor.Epoch = publication.Epoch;
        cursor.Offset = publication.Offset;
        return true;
    }

    private void Enqueue(IClientEvent item)
    {
        if (!Outbox.TryEnqueue(item))
        {
            OnOutboxFull(cursor: null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(16, LogLevel.Error, "Catching up {AppId}/{ClientId} from history failed")]
        public static partial void CatchUpFailed(ILogger logger, Exception exception, string appId, string clientId);

        [LoggerMessage(17, LogLevel.Debug, "Client {AppId}/{ClientId} recovered {Channel} (recovered {Recovered}, delivered {Delivered})")]
        public static partial void Recovered(ILogger logger, string appId, string clientId, string channel, bool recovered, int delivered);
    }
}
