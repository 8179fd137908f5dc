using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Components;

/// <summary>
/// The client root: steps 3 and 4 of the bootstrap on the circuit, then it starts the session's
/// delivery through the front end's transport (thywill.js, or the application's component).
/// </summary>
/// <remarks>
/// Written without markup so that it can stay internal (a <c>.razor</c> component is always public).
/// </remarks>
internal sealed partial class ThywillClientRoot : ComponentBase, IAsyncDisposable
{
    private const int MaxRememberedChannels = 1_000;

    private readonly CancellationTokenSource _lifetime = new();
    private DotNetObjectReference<ThywillInterop>? _interop;
    private ThywillClient? _client;
    private Type? _component;
    private BrowserErrorReporter? _errors;

    /// <summary>The application id.</summary>
    [Parameter]
    [EditorRequired]
    public string ApplicationId { get; set; } = "";

    /// <summary>The session id, from the signed cookie (the component marker is itself protected).</summary>
    [Parameter]
    [EditorRequired]
    public string SessionId { get; set; } = "";

    /// <summary>The client's session once the bootstrap completed; <see langword="null"/> before.</summary>
    internal ClientSession? Session { get; private set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ClientConnector Connector { get; set; } = default!;

    [Inject]
    private CircuitLink Link { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private ClientRegistry Registry { get; set; } = default!;

    [Inject]
    private IApplicationCatalog Catalog { get; set; } = default!;

    [Inject]
    private BrowserLog BrowserLog { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

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
            // The page answered, but not as thywill.js does, threw, or went away: the page's doing, so
            // a line without its stack trace (a hostile page may do it at every load), and the page is
            // told now rather than at its bootstrap timeout.
            Log.AttachUnreadable(Logger, ApplicationId, ex switch
            {
                System.Text.Json.JsonException => "not the shape thywill.js sends",
                JSException => "the page threw",
                JSDisconnectedException => "the page went away",
                _ => "no answer",
            });
            await FailAsync("failed", "The page's answer to the bootstrap could not be read.");
            return;
        }

        ConnectResult result;
        try
        {
            var remembered = hello.Positions?
                .Where(p => p.Value is not null && p.Key.Length <= ChannelNames.MaxLength)
                .Take(MaxRememberedChannels)
                .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal) ?? [];
            var request = new ConnectRequest(ApplicationId, SessionId, await GetUserIdAsync(), hello.ResumeToken, remembered, hello.Left);
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

        var session = result.Session;
        Link.Changed += OnLinkChanged;
        _component = Catalog.Find(ApplicationId)?.Component;

        // Only a Razor front end gets the client API (and keeps its configuration); thywill.js has its own.
        IDeliveryTransport transport;
        if (_component is null)
        {
            transport = new ScriptTransport(JS, Link, session.Client, Close, session.Logger, _lifetime.Token);
        }
        else
        {
            var memory = new TabMemory(JS, Link, session.Logger, _lifetime.Token);
            _client = new ThywillClient(session, result.Configuration) { Joined = memory.Joined, Left = memory.Left };
            transport = new ComponentTransport(_client, memory, RenderAfterAsync, Close);
        }

        // Set before the page hears it is ready: its startup function may join and send at once.
        Session = session;
        try
        {
            await JS.InvokeVoidAsync("thywill._ready", _lifetime.Token, InteropJson.Text(JsonSerializer.Serialize(result.Configuration)), InteropJson.Text(result.ResumeToken));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            NotReached(ex);
            return;
        }

        session.Mover = spread => _ = MoveAsync(spread);
        session.Start(transport);
        StateHasChanged();
    }

    /// <summary>Called by thywill.js: an error in the page.</summary>
    internal void ReportError(BrowserErrorReport report)
    {
        _errors ??= new BrowserErrorReporter(BrowserLog, Time);
        _errors.Report(Session?.Client, Link.CircuitId, report);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Link.Changed -= OnLinkChanged;
        await _lifetime.CancelAsync();
        if (Session is not null)
        {
            await Connector.DisconnectAsync(Session, CancellationToken.None);
        }

        _interop?.Dispose();
        _lifetime.Dispose();
    }

    // Runs a batch's handlers on the circuit's dispatcher, then renders once.
    private Task RenderAfterAsync(Func<Task> work) =>
        InvokeAsync(async () =>
        {
            await work();
            StateHasChanged();
        });

    // The session must end: the page is told why, then the circuit closes (a reload resumes the client).
    private void Close(string reason) => _ = CloseAsync(reason);

    private async Task CloseAsync(string reason)
    {
        try
        {
            using var told = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            told.CancelAfter(CloseNoticeTimeout);
            await InvokeAsync(() => JS.InvokeVoidAsync("thywill._closed", told.Token, InteropJson.Text(reason)).AsTask());
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The page is away or gone: the circuit closes all the same.
        }

        try
        {
            await InvokeAsync(() => DispatchExceptionAsync(new ClientDisconnectedException(reason)));
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended already.
        }
    }

    // How long a closing client's page is given to hear why before its circuit closes.
    private static readonly TimeSpan CloseNoticeTimeout = TimeSpan.FromSeconds(1);

    // A blip starts the presence grace period; coming back within it changes nothing for others.
    private void OnLinkChanged(bool up)
    {
        if (Session is not { } session)
        {
            return;
        }

        if (up)
        {
            _ = RestorePresenceAsync(session);
        }
        else
        {
            Presence.ScheduleLeave(session.Client);
        }

        Registry.NotifyChanged();
    }

    private async Task RestorePresenceAsync(ClientSession session)
    {
        try
        {
            await Presence.RestoreAsync(session, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away again.
        }
        catch (Exception ex)
        {
            Log.PresenceRestoreFailed(Logger, ex, session.Client.ApplicationId, session.Client.ClientId);
        }
    }

    private async Task MoveAsync(TimeSpan spread)
    {
        try
        {
            await InvokeAsync(() => JS.InvokeVoidAsync("thywill._move", _lifetime.Token, (long)spread.TotalMilliseconds).AsTask());
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The page is gone or going: it reconnects or reloads by itself.
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
            NotReached(ex);
        }
    }

    // A page that closed before it heard the answer is no fault of the server's (a hostile page can
    // do it at every load): a line at Debug; a page that threw on thywill.js's own call is worth a warning.
    private void NotReached(Exception ex)
    {
        if (ex is JSException && !_lifetime.IsCancellationRequested)
        {
            Log.AttachFailed(Logger, ex, ApplicationId);
        }
        else
        {
            Log.PageGone(Logger, ApplicationId);
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

    /// <summary>What thywill.js answers to the attach call: its token and what the tab remembers per channel.</summary>
    /// <remarks><c>Left</c>: the tab's previous page went away (a reload), so its client need not wait for that page's circuit to end.</remarks>
    private sealed record ClientHello(string? ResumeToken, Dictionary<string, RememberedChannel?>? Positions, bool Left = false);

    /// <summary>
    /// Renders nothing of its own until the bootstrap completes; then the application's component,
    /// if it has one, with the client cascaded to it.
    /// </summary>
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (_client is null || _component is null)
        {
            return;
        }

        var client = _client;
        var component = _component;
        builder.OpenComponent<CascadingValue<IThywillClient>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<IThywillClient>.Value), client);
        builder.AddComponentParameter(2, nameof(CascadingValue<IThywillClient>.ChildContent), (RenderFragment)(content =>
        {
            content.OpenComponent<DynamicComponent>(3);
            content.AddComponentParameter(4, nameof(DynamicComponent.Type), component);
            content.CloseComponent();
        }));
        builder.CloseComponent();
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "Bootstrap of {AppId} could not reach thywill.js")]
        public static partial void AttachFailed(ILogger logger, Exception exception, string appId);

        [LoggerMessage(57, LogLevel.Debug, "Bootstrap of {AppId}: the page went away before it heard the answer")]
        public static partial void PageGone(ILogger logger, string appId);

        [LoggerMessage(56, LogLevel.Warning, "Bootstrap of {AppId}: the page's answer to the attach call could not be read ({Reason}); the client was not started")]
        public static partial void AttachUnreadable(ILogger logger, string appId, string reason);

        [LoggerMessage(51, LogLevel.Error, "Bootstrap of {AppId} failed")]
        public static partial void BootstrapFailed(ILogger logger, Exception exception, string appId);

        [LoggerMessage(54, LogLevel.Error, "Restoring the presence of {AppId}/{ClientId} failed")]
        public static partial void PresenceRestoreFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}
