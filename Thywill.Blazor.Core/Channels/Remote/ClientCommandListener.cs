using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels.Remote;

/// <summary>
/// On a cluster, listens on each application's channel between nodes (<see cref="ChannelKey.Nodes"/>)
/// and applies the server-side changes other nodes made to clients this node holds: a server-side
/// join attaches the live session, a leave detaches it, new info reaches its presence. Commands are
/// applied one at a time in the order they were published; the queue is bounded, and a command
/// that finds it full is logged and left to the shared stores (the client gets it when it next
/// connects).
/// </summary>
internal sealed partial class ClientCommandListener(
    RemoteClients remote,
    IChannelBroker broker,
    IApplicationCatalog catalog,
    ThywillChannels channels,
    TimeProvider time,
    ILogger<ClientCommandListener> logger) : BackgroundService, IChannelSubscriber
{
    /// <summary>How many received commands wait to be applied, at most.</summary>
    internal const int QueueCapacity = 4_096;

    private readonly Channel<Publication> _queue = Channel.CreateBounded<Publication>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly List<IAsyncDisposable> _subscriptions = [];

    /// <summary>Completes once the node listens on every application's channel (for tests).</summary>
    internal Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!remote.Clustered)
        {
            _listening.TrySetResult();
            return;
        }

        try
        {
            await SubscribeAllAsync(stoppingToken).ConfigureAwait(false);
            _listening.TrySetResult();
            await foreach (var publication in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ApplyAsync(publication, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var subscription in _subscriptions)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Redis may be away when the node starts: try each application until it answers.
    private async Task SubscribeAllAsync(CancellationToken stoppingToken)
    {
        foreach (var application in catalog.All)
        {
            var logged = false;
            while (true)
            {
                try
                {
                    _subscriptions.Add(await broker.SubscribeAsync(ChannelKey.Nodes(application.Id), this, stoppingToken).ConfigureAwait(false));
                    break;
                }
                catch (Rpc.RpcException e) when (e.Code == Clients.ErrorCodes.Unavailable)
                {
                    if (!logged)
                    {
                        Log.CannotListen(logger, application.Id);
                        logged = true;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task ApplyAsync(Publication publication, CancellationToken stoppingToken)
    {
        var applicationId = publication.Channel.ApplicationId;
        if (ClientCommand.From(publication.Data) is not { } command)
        {
            Log.NotACommand(logger, applicationId, publication.Offset);
            return;
        }

        try
        {
            if (await channels.ApplyLocallyAsync(applicationId, command, stoppingToken).ConfigureAwait(false))
            {
                Log.Applied(logger, command.Operation, applicationId, command.ClientId, command.Channel);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One client's failure (its circuit went away meanwhile, Redis is away) must not stop the others'.
            Log.ApplyFailed(logger, e, command.Operation, applicationId, command.ClientId, command.Channel);
        }
    }

    void IChannelSubscriber.OnPublication(Publication publication)
    {
        if (!_queue.Writer.TryWrite(publication))
        {
            Log.QueueFull(logger, publication.Channel.ApplicationId, publication.Offset, QueueCapacity);
        }
    }

    void IChannelSubscriber.OnPresence(PresenceEvent presence)
    {
        // The channel between nodes has no presence.
    }

    private static partial class Log
    {
        [LoggerMessage(120, LogLevel.Debug, "Applied a {Operation} from another node for {AppId}/{ClientId} ({Channel})")]
        public static partial void Applied(ILogger logger, string operation, string appId, string clientId, string? channel);

        [LoggerMessage(121, LogLevel.Warning, "Applying a {Operation} from another node for {AppId}/{ClientId} ({Channel}) failed; the client gets it when it next connects")]
        public static partial void ApplyFailed(ILogger logger, Exception exception, string operation, string appId, string clientId, string? channel);

        [LoggerMessage(122, LogLevel.Warning, "Commands from other nodes for {AppId} wait more than {Capacity}: offset {Offset} is not applied here; its client gets the change when it next connects")]
        public static partial void QueueFull(ILogger logger, string appId, long offset, int capacity);

        [LoggerMessage(123, LogLevel.Warning, "Cannot listen to the other nodes of {AppId} yet (Redis is unavailable); trying every second")]
        public static partial void CannotListen(ILogger logger, string appId);

        [LoggerMessage(124, LogLevel.Warning, "A publication on {AppId}'s channel between nodes (offset {Offset}) is not a command; ignored")]
        public static partial void NotACommand(ILogger logger, string appId, long offset);
    }
}
