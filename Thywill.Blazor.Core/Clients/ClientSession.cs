using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Clients;

/// <summary>
/// One connected client, whichever its front end: its application, its subscriptions (and their
/// recovery), its outbox and the one pump that drains it into the front end's
/// <see cref="IDeliveryTransport"/>, its rate limit and RPC gate, and the five browser operations
/// (<see cref="SendAsync"/>, <see cref="JoinAsync"/>, <see cref="LeaveAsync"/>,
/// <see cref="PublishAsync"/>, <see cref="CallAsync"/>). Created by <see cref="ClientConnector"/>.
/// </summary>
internal sealed partial class ClientSession : IAsyncDisposable
{
    private readonly SessionServices _services;
    private readonly CancellationTokenSource _lifetime = new();
    private IDeliveryTransport? _transport;
    private Task? _pump;
    private long _dropped;
    private int _gapNotified;
    private int _closeRequested;
    private int _disposed;

    public ClientSession(ClientInfo client, IThywillApplication application, CircuitLink link, SessionLimits limits, SessionServices services, ILogger logger)
    {
        Client = client;
        Application = application;
        Link = link;
        Limits = limits;
        Budgets = new SessionBudgets(limits, services.Time);
        Refusals = new LogSampler(services.Time);
        Logger = logger;
        _services = services;
        Outbox = new Outbox(limits.Push.OutboxCapacity, limits.Push.MaxBatchSize, limits.Push.OutboxMaxBytes, limits.Push.MaxBatchBytes);
        Subscriptions = new SubscriptionSet(this, services.Broker, services.History, services.Time);
        ConnectedAt = services.Time.GetUtcNow();
        Lifetime = _lifetime.Token;
    }

    /// <summary>Who the client is.</summary>
    public ClientInfo Client { get; }

    /// <summary>The client's application: every operation is checked by it, never looked up by id.</summary>
    public IThywillApplication Application { get; }

    /// <summary>The circuit's connection to the browser.</summary>
    public CircuitLink Link { get; }

    /// <summary>The limits this session lives by.</summary>
    public SessionLimits Limits { get; }

    /// <summary>The session's rate budgets, one per kind of browser operation.</summary>
    public SessionBudgets Budgets { get; }

    public ILogger Logger { get; }

    /// <summary>Samples the log lines of this client's refused channel operations.</summary>
    public LogSampler Refusals { get; }

    public Outbox Outbox { get; }

    /// <summary>The channels this session is subscribed to, and their recovery.</summary>
    public SubscriptionSet Subscriptions { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Cancelled when the session ends.</summary>
    /// <remarks>
    /// Taken once from its source: the source is disposed when the session ends, and a pump or
    /// hook that starts late must still get a cancelled token, not an <see cref="ObjectDisposedException"/>.
    /// </remarks>
    public CancellationToken Lifetime { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The channels this session is subscribed to.</summary>
    public IReadOnlyList<string> Channels => Subscriptions.Channels;

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

    /// <summary>
    /// Starts delivering through the front end's transport: one pump, one batch at a time, until the
    /// session ends. While the browser is away the transport waits, so nothing queued is lost.
    /// </summary>
    /// <param name="transport">The front end's transport; gap notices and close requests go to it too.</param>
    /// <param name="pump">Whether to run the pump (unit tests drain the outbox themselves).</param>
    public void Start(IDeliveryTransport transport, bool pump = true)
    {
        if (Interlocked.CompareExchange(ref _transport, transport, null) is not null)
        {
            throw new InvalidOperationException("The session's delivery has already started.");
        }

        if (pump)
        {
            _pump = Task.Run(() => RunPumpAsync(transport));
        }

        if (Volatile.Read(ref _closeRequested) != 0)
        {
            transport.Close(OutboxFullReason);
        }
    }

    private const string OutboxFullReason = "The client could not keep up with its messages (outbox full).";

    /// <summary>Ends the client's connection for good (its front end closes the circuit); nothing before it starts.</summary>
    /// <param name="reason">Why, for the log and the browser.</param>
    internal void Close(string reason) => Volatile.Read(ref _transport)?.Close(reason);

    private async Task RunPumpAsync(IDeliveryTransport transport)
    {
        try
        {
            await Outbox.PumpAsync(
                async (batch, cancellationToken) =>
                {
                    using (var activity = ThywillMetrics.StartDelivery(batch))
                    {
                        activity?.SetTag("thywill.application", Client.ApplicationId);
                        activity?.SetTag("thywill.messages", batch.Count);
                        await transport.DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
                    }

                    _services.Metrics.Delivered(Client.ApplicationId, batch.Count);
                    Subscriptions.OnDelivered();
                },
                Lifetime).ConfigureAwait(false);
        }
        catch (Exception) when (Lifetime.IsCancellationRequested)
        {
            // The client went away (a delivery in flight then ends in a cancellation or, when the
            // circuit is already being torn down, in JSDisconnectedException); what was not
            // delivered stays in the channels' history.
        }
        catch (Exception ex)
        {
            Log.PumpFailed(Logger, ex, Client.ApplicationId, Client.ClientId);
            transport.Close("The delivery to the browser failed.");
        }
    }

    /// <summary>
    /// Asks the browser to load its page again within the time given (the node is
    /// draining): set by the circuit's root component; nothing when the session has no page.
    /// </summary>
    internal Action<TimeSpan>? Mover { get; set; }

    /// <summary>Asks the browser to move to another node: it reloads, and the balancer sends it elsewhere.</summary>
    /// <param name="spread">The reloads are spread over this long.</param>
    internal void Move(TimeSpan spread) => Mover?.Invoke(spread);

    /// <summary>The node's instruments.</summary>
    internal ThywillMetrics Metrics => _services.Metrics;

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>
    /// The outbox is full: this client is slower than what is sent to it. Memory stays bounded either
    /// way: Drop tells the front end of the gap once and catches up from history once the outbox
    /// drains; Disconnect closes the circuit and the browser recovers when it comes back.
    /// </summary>
    internal void OnOutboxFull()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        _services.Metrics.Overflowed(Limits.Push.OutboxFullPolicy);
        Log.OutboxFull(Logger, Client.ApplicationId, Client.ClientId, Limits.Push.OutboxFullPolicy, Outbox.Pending, dropped);
        if (Limits.Push.OutboxFullPolicy == OutboxFullPolicy.Drop)
        {
            if (Interlocked.Exchange(ref _gapNotified, 1) == 0)
            {
                Volatile.Read(ref _transport)?.NotifyGap(dropped);
            }

            return;
        }

        if (Interlocked.Exchange(ref _closeRequested, 1) == 0)
        {
            Volatile.Read(ref _transport)?.Close(OutboxFullReason);
        }
    }

    /// <summary>A catch-up started: the next gap is told again.</summary>
    internal void OnCatchingUp() => Volatile.Write(ref _gapNotified, 0);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Subscriptions.DisposeAsync().ConfigureAwait(false);
        Outbox.Complete();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _lifetime.Dispose();
    }
}
