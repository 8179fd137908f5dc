using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Components;

/// <summary>
/// The client root: steps 3 and 4 of the bootstrap on the circuit, then the push pump.
/// </summary>
public sealed partial class ThywillClientRoot : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private DotNetObjectReference<ThywillInterop>? _interop;
    private ClientConnection? _connection;
    private ThywillClient? _client;
    private Type? _component;
    private Task? _pump;
    private CancellationTokenSource? _attempt;
    private CancellationToken _attemptDown;
    private int _errorReports;

    /// <summary>The application id.</summary>
    [Parameter]
    [EditorRequired]
    public string ApplicationId { get; set; } = "";

    /// <summary>The session id, from the signed cookie (the component marker is itself protected).</summary>
    [Parameter]
    [EditorRequired]
    public string SessionId { get; set; } = "";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ClientConnector Connector { get; set; } = default!;

    [Inject]
    private CircuitLink Link { get; set; } = default!;

    [Inject]
    private ChannelService Channels { get; set; } = default!;

    [Inject]
    private ClientRegistry Registry { get; set; } = default!;

    [Inject]
    private Rpc.RpcDispatcher Rpc { get; set; } = default!;

    [Inject]
    private IApplicationCatalog Catalog { get; set; } = default!;

    [Inject]
    private BrowserLog BrowserLog { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private ILogger<ThywillClientRoot> Logger { get; set; } = default!;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interop = DotNetObjectReference.Create(new ThywillInterop(this));
        ClientHello hello;
        try
        {
            // Through InteropJson: typed here, the answer and the text would cost every circuit its own JSON metadata.
            var answer = await JS.InvokeAsync<JsonElement>("thywill._attach", _lifetime.Token, _interop, InteropJson.Text(ApplicationId));
            hello = InteropJson.Read<ClientHello>(answer);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // The page answered, but not as thywill.js does (or not at all): tell it now rather than
            // let it wait for its bootstrap timeout.
            Log.AttachFailed(Logger, ex, ApplicationId);
            await FailAsync("failed", "The page's answer to the bootstrap could not be read.");
            return;
        }

        ConnectResult result;
        try
        {
            var positions = hello.Positions?
                .Where(p => p.Value is not null && p.Key.Length <= 200)
                .Take(1_000)
                .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal) ?? [];
            var request = new ConnectRequest(ApplicationId, SessionId, await GetUserIdAsync(), hello.ResumeToken, positions);
            result = await Connector.ConnectAsync(request, Link, _lifetime.Token);
        }
        catch (BootstrapException ex)
        {
            await FailAsync(ex.Code, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BootstrapFailed(Logger, ex, ApplicationId);
            await FailAsync("failed", "The server could not start this client.");
            return;
        }

        _connection = result.Connection;
        _connection.DisconnectHandler = reason => InvokeAsync(() => DispatchExceptionAsync(new ClientDisconnectedException(reason)));
        _connection.GapHandler = dropped => _ = NotifyGapAsync(dropped);
        Link.Changed += OnLinkChanged;
        _component = Catalog.Find(ApplicationId)?.Component;

        // Only a Razor front end gets the client API (and keeps its configuration); thywill.js has its own.
        _client = _component is null ? null : new ThywillClient(_connection, result.Configuration, Channels, Rpc);

        try
        {
            await JS.InvokeVoidAsync("thywill._ready", _lifetime.Token, InteropJson.Text(JsonSerializer.Serialize(result.Configuration)), InteropJson.Text(result.ResumeToken));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Log.AttachFailed(Logger, ex, ApplicationId);
            return;
        }

        _pump = Task.Run(() => RunPumpAsync(_connection));
        StateHasChanged();
    }

    /// <summary>Called by thywill.js: a message from the JavaScript front end.</summary>
    internal Task<SendResult> ReceiveAsync(JsonElement data)
    {
        if (_connection is null)
        {
            return Task.FromResult(SendResult.Refused(SendErrorCodes.NotReady, "The bootstrap has not completed."));
        }

        return _connection.ReceiveAsync(data, _lifetime.Token);
    }

    /// <summary>Called by thywill.js: join a channel.</summary>
    internal Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options)
    {
        if (_connection is null)
        {
            return Task.FromResult(SendResult.Refused(SendErrorCodes.NotReady, "The bootstrap has not completed."));
        }

        return Channels.ClientJoinAsync(_connection, channel ?? "", options?.Position, options?.History == true, options?.Info ?? default, _lifetime.Token);
    }

    /// <summary>Called by thywill.js: leave a channel.</summary>
    internal Task<SendResult> LeaveAsync(string channel) =>
        _connection is null
            ? Task.FromResult(SendResult.Refused(SendErrorCodes.NotReady, "The bootstrap has not completed."))
            : Channels.ClientLeaveAsync(_connection, channel ?? "", _lifetime.Token);

    /// <summary>Called by thywill.js: publish to a channel.</summary>
    internal Task<SendResult> PublishAsync(string channel, JsonElement data, ChannelPublishOptions? options) =>
        _connection is null
            ? Task.FromResult(SendResult.Refused(SendErrorCodes.NotReady, "The bootstrap has not completed."))
            : Channels.ClientPublishAsync(_connection, channel ?? "", data, options?.ExcludeSelf == true, _lifetime.Token);

    /// <summary>Called by thywill.js: a remote procedure call.</summary>
    internal Task<Rpc.RpcResult> CallAsync(string name, JsonElement args) =>
        _connection is null
            ? Task.FromResult(Thywill.Blazor.Rpc.RpcResult.Failure(SendErrorCodes.NotReady, "The bootstrap has not completed."))
            : _connection.CallAsync(Rpc, name, args);

    /// <summary>Called by thywill.js: an error in the page.</summary>
    internal void ReportError(BrowserErrorReport report)
    {
        if (Interlocked.Increment(ref _errorReports) <= BrowserLog.MaxReportsPerClient)
        {
            BrowserLog.Write(_connection?.Client, Link.CircuitId, report);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Link.Changed -= OnLinkChanged;
        await _lifetime.CancelAsync();
        if (_connection is not null)
        {
            await Connector.DisconnectAsync(_connection, CancellationToken.None);
        }

        if (_pump is not null)
        {
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _attempt?.Dispose();

        _interop?.Dispose();
        _lifetime.Dispose();
    }

    // A blip starts the presence grace period; coming back within it changes nothing for others.
    private void OnLinkChanged(bool up)
    {
        if (_connection is not { } connection)
        {
            return;
        }

        if (up)
        {
            _ = RestorePresenceAsync(connection);
        }
        else
        {
            Channels.ScheduleLeave(connection.Client);
        }

        Registry.NotifyChanged();
    }

    private async Task RestorePresenceAsync(ClientConnection connection)
    {
        try
        {
            await Channels.RestorePresenceAsync(connection, _lifetime.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PresenceRestoreFailed(Logger, ex, connection.Client.ApplicationId, connection.Client.ClientId);
        }
        catch (OperationCanceledException)
        {
            // The client went away again.
        }
    }

    private async Task RunPumpAsync(ClientConnection connection)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, connection.Lifetime).Token;
        try
        {
            Func<IReadOnlyList<IClientEvent>, CancellationToken, Task> deliver = _component is null ? DeliverToScriptAsync : DeliverToComponentAsync;
            await connection.Outbox.PumpAsync(
                async (batch, cancellationToken) =>
                {
                    await deliver(batch, cancellationToken);
                    connection.OnDelivered();
                },
                token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away; what was not delivered stays in the channel's history.
        }
        catch (Exception ex)
        {
            Log.PumpFailed(Logger, ex, connection.Client.ApplicationId, connection.Client.ClientId);
            await InvokeAsync(() => DispatchExceptionAsync(ex));
        }
    }

    // One interop call per batch. While the browser is away the batch waits for it to come back;
    // a batch cut off mid-flight is sent again, and thywill.js drops offsets it already has.
    private async Task DeliverToScriptAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        var argument = new ScriptBatch(batch);
        var failures = 0;
        while (true)
        {
            await Link.WaitUpAsync(cancellationToken);
            try
            {
                await JS.InvokeVoidAsync("thywill._deliver", AttemptToken(cancellationToken), argument);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && ex is JSDisconnectedException or OperationCanceledException or InvalidOperationException)
            {
                // The connection dropped: wait for it and send again.
            }
            catch (JSException ex) when (++failures < 3)
            {
                Log.DeliveryRetry(Logger, ex, ApplicationId, _connection?.Client.ClientId);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * failures), cancellationToken);
            }
        }
    }

    // A delivery ends when the pump stops or the connection drops. One linked source serves every
    // delivery while the connection stays up, rather than one per batch (called on the pump only).
    private CancellationToken AttemptToken(CancellationToken pumpToken)
    {
        var down = Link.DownToken;
        if (_attempt is null || _attemptDown != down)
        {
            _attempt?.Dispose();
            _attempt = CancellationTokenSource.CreateLinkedTokenSource(pumpToken, down);
            _attemptDown = down;
        }

        return _attempt.Token;
    }

    private Task DeliverToComponentAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        var copy = batch.ToArray();
        return InvokeAsync(async () =>
        {
            await _client!.DispatchAsync(copy);
            StateHasChanged();
        });
    }

    private async Task NotifyGapAsync(long dropped)
    {
        try
        {
            await JS.InvokeVoidAsync("thywill._gap", _lifetime.Token, dropped);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            // Best effort: the browser learns of the gap from offsets on recovery anyway.
        }
    }

    private async Task FailAsync(string code, string message)
    {
        try
        {
            await JS.InvokeVoidAsync("thywill._fail", _lifetime.Token, InteropJson.Text(code), InteropJson.Text(message));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            Log.AttachFailed(Logger, ex, ApplicationId);
        }
    }

    private async Task<string?> GetUserIdAsync()
    {
        if (Services.GetService(typeof(AuthenticationStateProvider)) is not AuthenticationStateProvider auth)
        {
            return null;
        }

        try
        {
            var state = await auth.GetAuthenticationStateAsync();
            return state.User.Identity?.IsAuthenticated == true ? state.User.Identity.Name : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>What thywill.js answers to the attach call: its token and the last offset it has per channel.</summary>
    private sealed record ClientHello(string? ResumeToken, Dictionary<string, ChannelPosition?>? Positions);

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "Bootstrap of {AppId} could not reach thywill.js")]
        public static partial void AttachFailed(ILogger logger, Exception exception, string appId);

        [LoggerMessage(51, LogLevel.Error, "Bootstrap of {AppId} failed")]
        public static partial void BootstrapFailed(ILogger logger, Exception exception, string appId);

        [LoggerMessage(52, LogLevel.Error, "Push pump of {AppId}/{ClientId} failed")]
        public static partial void PumpFailed(ILogger logger, Exception exception, string appId, string clientId);

        [LoggerMessage(54, LogLevel.Error, "Restoring the presence of {AppId}/{ClientId} failed")]
        public static partial void PresenceRestoreFailed(ILogger logger, Exception exception, string appId, string clientId);

        [LoggerMessage(53, LogLevel.Warning, "Delivery to {AppId}/{ClientId} failed in the browser; retrying")]
        public static partial void DeliveryRetry(ILogger logger, Exception exception, string appId, string? clientId);
    }
}
