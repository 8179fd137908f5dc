using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Clients;

/// <summary>
/// Step 3 of the bootstrap on the server: establishes who the client is (fresh or resumed from its
/// token), records it, subscribes it, tells its application, and composes its configuration.
/// </summary>
internal sealed partial class ClientConnector(
    IApplicationCatalog catalog,
    IResumeTokenService tokens,
    ClientRegistry registry,
    ChannelOperations channels,
    PresenceTracker presence,
    SessionServices services,
    IThywillStore store,
    BootstrapComposer composer,
    NodeDrain drain,
    ThywillMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<ClientConnector>();
    private readonly ILogger _sessionLogger = loggers.CreateLogger<ClientSession>();

    // How long a reload's old circuit may take to go away before its successor counts as a second tab.
    private static readonly TimeSpan ReloadGrace = TimeSpan.FromSeconds(2);

    public async Task<ConnectResult> ConnectAsync(ConnectRequest request, CircuitLink link, CancellationToken cancellationToken)
    {
        if (drain.IsDraining)
        {
            // A page loaded before the drain began: its client goes to another node.
            throw new BootstrapException(ErrorCodes.Unavailable, "This node is shutting down; reload to reach another.");
        }

        var application = catalog.GetApplication(request.ApplicationId)
            ?? throw new BootstrapException("unknown-application", $"No application '{request.ApplicationId}' is served here.");

        var (clientId, resumed) = await ResolveIdentityAsync(request, cancellationToken).ConfigureAwait(false);
        var client = new ClientInfo(request.ApplicationId, clientId, request.SessionId, request.UserId);
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["AppId"] = client.ApplicationId,
            ["ClientId"] = client.ClientId,
            ["CircuitId"] = link.CircuitId,
        });

        var session = new ClientSession(client, application, link, services.CurrentLimits(), services, _sessionLogger);
        try
        {
            var recorded = await store.RecordConnectAsync(client, cancellationToken).ConfigureAwait(false);

            // A resumed client replaces its old, disconnected circuit's session on this node.
            if (registry.Register(session) is { } replaced)
            {
                Log.Replaced(_logger, client.ApplicationId, client.ClientId);
                await replaced.DisposeAsync().ConfigureAwait(false);
                metrics.Replaced(replaced.Application);
            }

            await channels.ResumeAsync(session, resumed, request.Remembered, cancellationToken).ConfigureAwait(false);
            registry.NotifyChanged();

            var configuration = await composer.ComposeClientAsync(client, resumed, cancellationToken, recorded).ConfigureAwait(false);
            await application.OnConnectedAsync(client, session.Lifetime).ConfigureAwait(false);
            var token = tokens.Issue(new ResumeToken(client.ClientId, client.ApplicationId, client.SessionId));
            metrics.Connected(application, resumed);
            Log.Connected(_logger, client.ApplicationId, client.ClientId, resumed, link.CircuitId);
            return new ConnectResult(session, configuration, token);
        }
        catch
        {
            registry.Unregister(session);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task DisconnectAsync(ClientSession session, CancellationToken cancellationToken)
    {
        var current = registry.Unregister(session);
        await session.DisposeAsync().ConfigureAwait(false);

        // A session replaced by a newer circuit of the same client is not a disconnect.
        if (!current)
        {
            return;
        }

        metrics.Disconnected(session.Application);
        Log.Disconnected(_logger, session.Client.ApplicationId, session.Client.ClientId, session.Outbox.Delivered, session.Dropped);
        presence.ScheduleLeave(session.Client);
        try
        {
            await session.Application.OnDisconnectedAsync(session.Client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DisconnectHookFailed(_logger, ex, session.Client.ApplicationId, session.Client.ClientId);
        }
    }

    private async Task<(string ClientId, bool Resumed)> ResolveIdentityAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        if (request.ResumeToken is null)
        {
            return (IdGenerator.NewId(), false);
        }

        if (!tokens.TryRead(request.ResumeToken, out var token))
        {
            Log.TokenInvalid(_logger, request.ApplicationId);
            return (IdGenerator.NewId(), false);
        }

        // A token only resumes the client it was issued for: same application, same browser session.
        if (token.ApplicationId != request.ApplicationId || token.SessionId != request.SessionId)
        {
            Log.TokenMismatch(_logger, request.ApplicationId, token.ClientId);
            return (IdGenerator.NewId(), false);
        }

        // A duplicated tab copies sessionStorage: while the original is connected, the copy is a new
        // client. A reload looks the same for a moment — the old page's circuit can still be up when
        // the new one starts. The tab says when its previous page went away (marked as it unloaded);
        // without that word the old circuit is given a short while to go away first. The word is
        // the tab's own, but a false one only takes over a client of the same browser session.
        if (registry.TryGet(token.ClientId, out var existing) && existing.Link.IsUp && !request.PreviousPageLeft
            && !await GoesAwayAsync(token.ClientId, existing, cancellationToken).ConfigureAwait(false))
        {
            Log.TokenInUse(_logger, request.ApplicationId, token.ClientId);
            return (IdGenerator.NewId(), false);
        }

        return (token.ClientId, true);
    }

    private async Task<bool> GoesAwayAsync(string clientId, ClientSession existing, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(existing.Link.DownToken, existing.Lifetime, cancellationToken);
        try
        {
            await Task.Delay(ReloadGrace, time, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The old session went down or ended.
        }

        return !existing.Link.IsUp || !registry.TryGet(clientId, out var current) || current != existing;
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Client {AppId}/{ClientId} connected (resumed {Resumed}, circuit {CircuitId})")]
        public static partial void Connected(ILogger logger, string appId, string clientId, bool resumed, string? circuitId);

        [LoggerMessage(31, LogLevel.Information, "Client {AppId}/{ClientId} disconnected (delivered {Delivered}, dropped {Dropped})")]
        public static partial void Disconnected(ILogger logger, string appId, string clientId, long delivered, long dropped);

        [LoggerMessage(32, LogLevel.Warning, "Resume token for {AppId} failed verification; a new client is assigned")]
        public static partial void TokenInvalid(ILogger logger, string appId);

        [LoggerMessage(33, LogLevel.Warning, "Resume token for {AppId} names client {ClientId} of another application or session; a new client is assigned")]
        public static partial void TokenMismatch(ILogger logger, string appId, string clientId);

        [LoggerMessage(34, LogLevel.Information, "Client {AppId}/{ClientId} is connected elsewhere (duplicated tab?); a new client is assigned")]
        public static partial void TokenInUse(ILogger logger, string appId, string clientId);

        [LoggerMessage(35, LogLevel.Information, "Client {AppId}/{ClientId} resumed on a new circuit; the old session is closed")]
        public static partial void Replaced(ILogger logger, string appId, string clientId);

        [LoggerMessage(36, LogLevel.Error, "Application {AppId} failed in its disconnect hook for {ClientId}")]
        public static partial void DisconnectHookFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}

/// <summary>
/// What the browser presented at bootstrap: its token, what the tab remembers of its channels, and
/// whether the tab's previous page went away (a reload) rather than still being open (a duplicated tab).
/// </summary>
internal sealed record ConnectRequest(string ApplicationId, string SessionId, string? UserId, string? ResumeToken, IReadOnlyDictionary<string, RememberedChannel> Remembered, bool PreviousPageLeft = false);

/// <summary>A connected client's session, its configuration and its fresh resume token.</summary>
internal sealed record ConnectResult(ClientSession Session, ClientConfiguration Configuration, string ResumeToken);
