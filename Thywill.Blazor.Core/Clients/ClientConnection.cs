using System.Text.Json;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Clients;

/// <summary>
/// One client connected through one circuit: its subscriptions, its outbox, its rate limit, and the
/// path of its messages to the application. Created by <see cref="ClientConnector"/>.
/// </summary>
internal sealed partial class ClientConnection : IChannelSubscriber, IAsyncDisposable
{
    private readonly IThywillApplication _application;
    private readonly ThywillOptions _options;
    private TokenBucket? _rateLimit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private SemaphoreSlim? _receiveGate;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelCursor> _cursors = new(StringComparer.Ordinal);
    private long _dropped;
    private int _callsRunning;
    private int _lagging;
    private int _catchingUp;
    private int _gapNotified;
    private int _disconnectRequested;
    private int _disposed;

    public ClientConnection(
        ClientInfo client,
        IThywillApplication application,
        CircuitLink link,
        ThywillOptions options,
        TimeProvider time,
        ILogger logger)
    {
        Client = client;
        _application = application;
        Link = link;
        _options = options;
        _time = time;
        _logger = logger;
        Outbox = new Outbox(options.Push.OutboxCapacity, options.Push.MaxBatchSize);
        ConnectedAt = time.GetUtcNow();
        Lifetime = _lifetime.Token;
    }

    public ClientInfo Client { get; }

    // Made on the first message: most clients never send, and a bucket made at connect would be full by then anyway.
    private TokenBucket RateLimit
    {
        get
        {
            if (Volatile.Read(ref _rateLimit) is { } bucket)
            {
                return bucket;
            }

            Interlocked.CompareExchange(ref _rateLimit, new TokenBucket(_options.Messages.RateLimitPerSecond, _options.Messages.RateLimitBurst, _time), null);
            return _rateLimit;
        }
    }

    public CircuitLink Link { get; }

    public Outbox Outbox { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Cancelled when the connection ends.</summary>
    /// <remarks>
    /// Taken once from its source: the source is disposed when the connection ends, and a pump or
    /// hook that starts late must still get a cancelled token, not an <see cref="ObjectDisposedException"/>.
    /// </remarks>
    public CancellationToken Lifetime { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Asks the circuit to close this client (set by the client root).</summary>
    public Func<string, Task>? DisconnectHandler { get; set; }

    /// <summary>Raised once per gap when the outbox dropped messages under the Drop policy.</summary>
    public Action<long>? GapHandler { get; set; }

    public ConnectedClient Snapshot() =>
        new(Client, Link.CircuitId, ConnectedAt, Link.IsUp, Outbox.Pending, Outbox.Delivered, Dropped, Channels);

    /// <summary>The framework's channels every client is in: personal, session, user, broadcast.</summary>
    public IEnumerable<ChannelKey> FrameworkChannels()
    {
        yield return ChannelKey.ForClient(Client.ApplicationId, Client.ClientId);
        yield return ChannelKey.ForSession(Client.ApplicationId, Client.SessionId);
        if (Client.UserId is not null)
        {
            yield return ChannelKey.ForUser(Client.ApplicationId, Client.UserId);
        }

        yield return ChannelKey.Broadcast(Client.ApplicationId);
    }

    /// <summary>The channels this connection is subscribed to.</summary>
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

    /// <summary>
    /// Subscribes to a channel and brings the client up to date: from <paramref name="from"/> when
    /// given (recovery: everything after it that is still kept, then live), else from now. Live
    /// events that arrive meanwhile wait, so nothing is missed or repeated.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="from">The client's last position, or <see langword="null"/> to start from now.</param>
    /// <param name="report">Whether to tell the client how the recovery went (a <c>recovery</c> event).</param>
    /// <param name="subscribe">Subscribes this connection to the channel.</param>
    /// <param name="readHistory">Reads what the channel keeps after an offset.</param>
    /// <returns>The client's position in the channel afterwards.</returns>
    public async Task<ChannelPosition> AttachAsync(
        ChannelKey channel,
        ChannelPosition? from,
        bool report,
        Func<ChannelKey, IChannelSubscriber, Task<IAsyncDisposable>> subscribe,
        Func<ChannelKey, long, Task<ChannelHistory>> readHistory)
    {
        ChannelCursor cursor;
        lock (_gate)
        {
            if (_cursors.TryGetValue(channel.Name, out var existing))
            {
                return new ChannelPosition(existing.Epoch ?? "", existing.Offset);
            }

            cursor = new ChannelCursor { Key = channel, ReadHistory = readHistory };
            _cursors[channel.Name] = cursor;
        }

        ChannelHistory history;
        try
        {
            cursor.Subscription = await subscribe(channel, this).ConfigureAwait(false);
            bool detached;
            lock (_gate)
            {
                detached = !_cursors.TryGetValue(channel.Name, out var current) || current != cursor;
            }

            if (detached)
            {
                // Left (or the connection ended) while subscribing: the subscription must not outlive it.
                await cursor.Subscription.DisposeAsync().ConfigureAwait(false);
                return new ChannelPosition(cursor.Epoch ?? "", cursor.Offset);
            }

            // From now: history after the newest offset is empty but tells the epoch and newest offset.
            history = await readHistory(channel, from?.Offset ?? long.MaxValue).ConfigureAwait(false);
        }
        catch
        {
            // Left in place, the cursor would buffer live events forever and make every later
            // attach return at once: the channel would stay silent for this connection.
            await AbandonAsync(channel.Name, cursor).ConfigureAwait(false);
            throw;
        }

        lock (_gate)
        {
            return FinishRecovery(cursor, from, report, history);
        }
    }

    // Called under _gate: delivers what history holds after the client's position, then what arrived
    // live meanwhile, skipping anything already delivered; then goes live.
    private ChannelPosition FinishRecovery(ChannelCursor cursor, ChannelPosition? from, bool report, ChannelHistory history)
    {
        var channel = cursor.Key;
        // A position past the newest offset was never given in this epoch (an archive that lost
        // its last writes, a forged offset): trusting it would drop what comes next as repeats.
        var sameEpoch = from is not null && from.Epoch == history.Epoch && from.Offset <= history.LatestOffset;
        var recovered = from is null || (sameEpoch && history.Complete);
        var delivered = 0;
        if (sameEpoch)
        {
            cursor.Epoch = history.Epoch;
            cursor.Offset = from!.Offset;
            foreach (var publication in history.Publications)
            {
                delivered += Deliver(cursor, publication) ? 1 : 0;
            }
        }
        else
        {
            // From now (or the epoch changed and the old offsets mean nothing any more).
            cursor.Epoch = history.Epoch;
            cursor.Offset = history.LatestOffset;
        }

        foreach (var buffered in cursor.Buffer!)
        {
            if (buffered is Publication publication)
            {
                Deliver(cursor, publication);
            }
            else
            {
                Enqueue(buffered);
            }
        }

        if (report && from is not null)
        {
            if (!cursor.ReportPending)
            {
                cursor.ReportFrom = from.Offset;
            }

            cursor.ReportPending = true;
            cursor.Lost |= !recovered;
            cursor.ReportDelivered += delivered;
        }

        // The outcome is told once the channel is fully caught up: after the last round when the
        // outbox overflowed again meanwhile, and after whatever was already queued.
        if (cursor.ReportPending && !cursor.Lagging)
        {
            var outcome = new RecoveryEvent(channel.Name, !cursor.Lost, history.Epoch, cursor.ReportFrom, cursor.ReportDelivered);
            if (Outbox.TryEnqueue(outcome))
            {
                cursor.ReportPending = false;
                cursor.Lost = false;
                cursor.ReportDelivered = 0;
            }
            else
            {
                // No room even for the report: another round tells it once the outbox drains.
                cursor.Lagging = true;
                Volatile.Write(ref _lagging, 1);
            }
        }

        cursor.Buffer = null;
        cursor.Recovering = false;
        return new ChannelPosition(cursor.Epoch!, cursor.Offset);
    }

    private async Task AbandonAsync(string channel, ChannelCursor cursor)
    {
        lock (_gate)
        {
            if (_cursors.TryGetValue(channel, out var current) && current == cursor)
            {
                _cursors.Remove(channel);
            }
        }

        if (cursor.Subscription is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Unsubscribes from a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <returns>Whether the connection was subscribed.</returns>
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

    public void OnPublication(Publication publication)
    {
        if (publication.Excludes(Client.ClientId))
        {
            return;
        }

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

            Deliver(cursor, publication);
        }
    }

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

    // Called under _gate: drops what the client already has, advances the cursor, queues the rest.
    private bool Deliver(ChannelCursor cursor, Publication publication)
    {
        if (publication.Excludes(Client.ClientId)
            || (publication.Epoch == cursor.Epoch && publication.Offset <= cursor.Offset))
        {
            return false;
        }

        if (cursor.Lagging)
        {
            // Not queued (counted as dropped) but not lost: it is in the channel's history, and the
            // catch-up brings it in order.
            Interlocked.Increment(ref _dropped);
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

    // The outbox is full: this client is slower than what is sent to it. Memory stays bounded either
    // way: Drop stops queueing the channel and catches it up from history once the outbox drains;
    // Disconnect closes the circuit and the browser recovers when it comes back.
    private void OnOutboxFull(ChannelCursor? cursor)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        Log.OutboxFull(_logger, Client.ApplicationId, Client.ClientId, _options.Push.OutboxFullPolicy, Outbox.Pending, dropped);
        if (_options.Push.OutboxFullPolicy == OutboxFullPolicy.Drop)
        {
            if (cursor is not null)
            {
                cursor.Lagging = true;
                Volatile.Write(ref _lagging, 1);
            }

            if (Interlocked.Exchange(ref _gapNotified, 1) == 0)
            {
                GapHandler?.Invoke(dropped);
            }

            return;
        }

        if (Interlocked.Exchange(ref _disconnectRequested, 1) == 0 && DisconnectHandler is { } disconnect)
        {
            _ = disconnect("The client could not keep up with its messages (outbox full).");
        }
    }

    /// <summary>
    /// Called by the pump after each delivery: once the outbox has drained to half, channels that
    /// fell behind are caught up from their history.
    /// </summary>
    public void OnDelivered()
    {
        if (Volatile.Read(ref _lagging) == 0
            || Outbox.Pending > _options.Push.OutboxCapacity / 2
            || Interlocked.CompareExchange(ref _catchingUp, 1, 0) != 0)
        {
            return;
        }

        _ = CatchUpAsync();
    }

    private async Task CatchUpAsync()
    {
        ChannelCursor[] lagging = [];
        try
        {
            lock (_gate)
            {
                Volatile.Write(ref _lagging, 0);
                Volatile.Write(ref _gapNotified, 0);
                lagging = _cursors.Values.Where(c => c.Lagging).ToArray();
                foreach (var cursor in lagging)
                {
                    cursor.Lagging = false;
                    cursor.Recovering = true;
                    cursor.Buffer = [];
                }
            }

            foreach (var cursor in lagging)
            {
                var from = new ChannelPosition(cursor.Epoch ?? "", cursor.Offset);
                var history = await cursor.ReadHistory!(cursor.Key, cursor.Offset).ConfigureAwait(false);
                lock (_gate)
                {
                    FinishRecovery(cursor, from, report: true, history);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // What was buffered is in the history too: put the channels back to lagging so the
            // next delivery tries again, instead of leaving them buffering for ever.
            lock (_gate)
            {
                foreach (var cursor in lagging.Where(c => c.Recovering))
                {
                    cursor.Recovering = false;
                    cursor.Buffer = null;
                    cursor.Lagging = true;
                    Volatile.Write(ref _lagging, 1);
                }
            }

            Log.CatchUpFailed(_logger, ex, Client.ApplicationId, Client.ClientId);
        }
        finally
        {
            Volatile.Write(ref _catchingUp, 0);
        }
    }

    /// <summary>Runs one of the application's RPC functions for this client; bounded per client.</summary>
    public async Task<Rpc.RpcResult> CallAsync(Rpc.RpcDispatcher dispatcher, string name, JsonElement args)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return Rpc.RpcResult.Failure(Rpc.RpcErrorCodes.Disconnected, "The client is disconnected.");
        }

        if (Interlocked.Increment(ref _callsRunning) > _options.Rpc.MaxConcurrentCallsPerClient)
        {
            Interlocked.Decrement(ref _callsRunning);
            return Rpc.RpcResult.Failure(SendErrorCodes.RateLimited, "Too many calls at once; wait for some to finish.");
        }

        try
        {
            return await dispatcher.CallAsync(Client, name, args, Lifetime).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _callsRunning);
        }
    }

    /// <summary>Hands a client's message to its application; the answer goes back to the browser.</summary>
    public async Task<SendResult> ReceiveAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return SendResult.Refused(SendErrorCodes.Disconnected, "The client is disconnected.");
        }

        if (data.ValueKind == JsonValueKind.Undefined)
        {
            return SendResult.Refused(SendErrorCodes.Invalid, "A message must be a JSON value.");
        }

        var size = MessageSize.Measure(data);
        if (size > _options.Messages.MaxMessageBytes)
        {
            Log.MessageTooLarge(_logger, Client.ApplicationId, Client.ClientId, size, _options.Messages.MaxMessageBytes);
            return SendResult.Refused(SendErrorCodes.TooLarge, $"The message is {size} bytes; the limit is {_options.Messages.MaxMessageBytes} bytes.");
        }

        if (!RateLimit.TryTake())
        {
            Log.RateLimited(_logger, Client.ApplicationId, Client.ClientId);
            return SendResult.Refused(SendErrorCodes.RateLimited, "Too many messages; slow down.");
        }

        var message = new ClientMessage(IdGenerator.NewId(), Client, data.Clone(), _time.GetUtcNow());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Lifetime);

        // One message at a time per client: the application sees a client's messages in send order.
        var gate = LazyInitializer.EnsureInitialized(ref _receiveGate, static () => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await _application.OnMessageAsync(message, linked.Token).ConfigureAwait(false);
            Log.MessageAccepted(_logger, Client.ApplicationId, Client.ClientId, message.Id, size);
            return SendResult.Accepted(message.Id);
        }
        catch (MessageRejectedException ex)
        {
            Log.MessageRejected(_logger, Client.ApplicationId, Client.ClientId, ex.Message);
            return SendResult.Refused(SendErrorCodes.Rejected, ex.Message);
        }
        catch (MessageTooLargeException ex)
        {
            // The application tried to push something over the limit in reply.
            Log.ApplicationFailed(_logger, ex, Client.ApplicationId, Client.ClientId);
            return SendResult.Refused(SendErrorCodes.Rejected, "The application could not process the message.");
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return SendResult.Refused(SendErrorCodes.Disconnected, "The client disconnected.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Details stay in the log; the browser gets a safe reason.
            Log.ApplicationFailed(_logger, ex, Client.ApplicationId, Client.ClientId);
            return SendResult.Refused(SendErrorCodes.Rejected, "The application could not process the message.");
        }
        finally
        {
            gate.Release();
        }
    }

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

        Outbox.Complete();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Outbox full for {AppId}/{ClientId} (policy {Policy}, pending {Pending}, dropped {Dropped})")]
        public static partial void OutboxFull(ILogger logger, string appId, string clientId, OutboxFullPolicy policy, int pending, long dropped);

        [LoggerMessage(11, LogLevel.Warning, "Message from {AppId}/{ClientId} refused: {Size} bytes over the limit of {Limit}")]
        public static partial void MessageTooLarge(ILogger logger, string appId, string clientId, int size, int limit);

        [LoggerMessage(12, LogLevel.Warning, "Message from {AppId}/{ClientId} refused: rate limit")]
        public static partial void RateLimited(ILogger logger, string appId, string clientId);

        [LoggerMessage(13, LogLevel.Debug, "Message {MessageId} from {AppId}/{ClientId} accepted ({Size} bytes)")]
        public static partial void MessageAccepted(ILogger logger, string appId, string clientId, string messageId, int size);

        [LoggerMessage(14, LogLevel.Information, "Message from {AppId}/{ClientId} rejected by the application: {Reason}")]
        public static partial void MessageRejected(ILogger logger, string appId, string clientId, string reason);

        [LoggerMessage(16, LogLevel.Error, "Catching up {AppId}/{ClientId} from history failed")]
        public static partial void CatchUpFailed(ILogger logger, Exception exception, string appId, string clientId);

        [LoggerMessage(15, LogLevel.Error, "Application {AppId} failed on a message from {ClientId}")]
        public static partial void ApplicationFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}
