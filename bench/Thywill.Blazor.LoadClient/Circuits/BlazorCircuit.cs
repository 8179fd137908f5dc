using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>
/// One Blazor Server circuit opened without a browser, speaking to the server exactly as blazor.web.js
/// does: it loads the page, finds its interactive-server component markers, connects to <c>/_blazor</c>
/// with <c>blazorpack</c>, calls <c>StartCircuit</c> and then <c>UpdateRootComponents</c>, acknowledges
/// every render batch in order (<c>OnRenderCompleted</c>), answers JS interop calls through an
/// <see cref="IJSInteropHandler"/>, invokes .NET methods as <c>DotNetObjectReference.invokeMethodAsync</c>
/// does, and ends with <c>POST /_blazor/disconnect</c>.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    // blazor.web.js expects the first render batch to be number 2 (its render queue starts there).
    private const long FirstBatchId = 2;

    private static readonly Type[] BeginInvokeJSTypes = [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)];
    private static readonly Type[] EndInvokeDotNetTypes = [typeof(string), typeof(bool), typeof(string)];
    private static readonly Type[] RenderBatchTypes = [typeof(long), typeof(byte[])];
    private static readonly Type[] ErrorTypes = [typeof(string)];
    private static readonly Type[] LongTypes = [typeof(long)];
    private static readonly Type[] ByteArrayTypes = [typeof(int), typeof(byte[])];

    private readonly ConnectionSettings _settings;
    private readonly IJSInteropHandler _js;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private HubConnection? _hub;
    private Dictionary<long, TaskCompletionSource<string>>? _pendingCalls;
    private long _nextBatchId = FirstBatchId;
    private long _nextCallId;
    private long _batchesAcknowledged;
    private long _interopErrors;
    private int _disposed;

    /// <summary>Creates a circuit client; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="settings">The shared settings of the run.</param>
    /// <param name="js">The page's JavaScript, played by the load client.</param>
    public BlazorCircuit(ConnectionSettings settings, IJSInteropHandler js)
        : this(settings, js, cookies: null)
    {
    }

    /// <summary>Creates a circuit client for a page of a browser that already has cookies (a reload).</summary>
    /// <param name="settings">The shared settings of the run.</param>
    /// <param name="js">The page's JavaScript, played by the load client.</param>
    /// <param name="cookies">The browser's cookies (<c>name=value; …</c>), as an earlier page left them.</param>
    public BlazorCircuit(ConnectionSettings settings, IJSInteropHandler js, string? cookies)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(js);
        _settings = settings;
        _js = js;
        Cookies = cookies;
    }

    /// <summary>The page's cookies, as the browser would send them (<c>name=value; …</c>).</summary>
    public string? Cookies { get; private set; }

    /// <summary>The circuit's secret id, once started.</summary>
    public string? CircuitId { get; private set; }

    /// <summary>Render batches applied and acknowledged.</summary>
    public long BatchesAcknowledged => Interlocked.Read(ref _batchesAcknowledged);

    /// <summary>JS interop calls answered with an error (a page function missing or throwing).</summary>
    public long InteropErrors => Interlocked.Read(ref _interopErrors);

    /// <summary>Whether the connection is open and the circuit has not ended.</summary>
    public bool IsConnected => _hub?.State == HubConnectionState.Connected && !_ended.Task.IsCompleted;

    /// <summary>Completes with the reason when the circuit ends (an error from the server, or the connection closing).</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Sees every render batch before it is acknowledged (for tests and diagnostics).</summary>
    public Action<long, RenderBatchSummary>? RenderBatchObserver { get; set; }

    /// <summary>
    /// Loads <paramref name="pagePath"/> and opens the circuit for its interactive-server components.
    /// Returns when the server has the components; what they do next arrives as interop calls.
    /// </summary>
    /// <param name="pagePath">The page, relative to the base address (e.g. <c>thywill/init/echo</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="CircuitFailedException">The page or the circuit could not be started.</exception>
    public async Task StartAsync(string pagePath, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_hub is not null)
        {
            throw new InvalidOperationException("The circuit was already started.");
        }

        var pageUri = new Uri(_settings.BaseAddress, pagePath);
        var html = await LoadPageAsync(pageUri, cancellationToken).ConfigureAwait(false);
        var markers = ComponentMarker.FindServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new CircuitFailedException($"{pageUri} has no interactive server component.");
        }

        if (_settings.FetchInitializers)
        {
            using var request = WithCookies(new HttpRequestMessage(HttpMethod.Get, "_blazor/initializers"));
            using var response = await _settings.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var hub = CreateConnection();
        _hub = hub;
        try
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);

            // blazor.web.js starts the circuit with no components, then adds the page's in one batch.
            var state = ComponentMarker.FindServerState(html) ?? "";
            CircuitId = await hub.InvokeAsync<string?>("StartCircuit", _settings.BaseAddress.AbsoluteUri, pageUri.AbsoluteUri, "[]", state, cancellationToken).ConfigureAwait(false)
                ?? throw new CircuitFailedException("The server refused to start the circuit.");
            await hub.SendAsync("UpdateRootComponents", AddOperations(markers), state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not CircuitFailedException and not OperationCanceledException)
        {
            throw new CircuitFailedException($"The circuit for {pageUri} did not start: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Calls a <c>[JSInvokable]</c> method on a <c>DotNetObjectReference</c> the server passed to the
    /// page, as <c>invokeMethodAsync</c> does, and waits for its result.
    /// </summary>
    /// <param name="dotNetObjectId">The reference's id (<c>{"__dotNetObject": id}</c>).</param>
    /// <param name="method">The method's <c>[JSInvokable]</c> identifier.</param>
    /// <param name="argsJson">The arguments as a JSON array.</param>
    /// <param name="cancellationToken">Stops waiting for the result.</param>
    /// <returns>The result's JSON.</returns>
    /// <exception cref="InvalidOperationException">The server reported that the call failed.</exception>
    /// <exception cref="CircuitFailedException">The circuit ended before the result came.</exception>
    public async Task<string> InvokeDotNetAsync(long dotNetObjectId, string method, string argsJson, CancellationToken cancellationToken)
    {
        var hub = _hub ?? throw new InvalidOperationException("The circuit is not started.");
        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        long callId;
        lock (_gate)
        {
            if (_ended.Task.IsCompleted)
            {
                throw new CircuitFailedException("The circuit has ended: " + _ended.Task.Result);
            }

            callId = ++_nextCallId;
            (_pendingCalls ??= [])[callId] = result;
        }

        try
        {
            await hub.SendAsync("BeginInvokeDotNetFromJS", callId.ToString(CultureInfo.InvariantCulture), null, method, dotNetObjectId, argsJson, cancellationToken).ConfigureAwait(false);
            return await result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pendingCalls?.Remove(callId);
            }
        }
    }

    /// <summary>Closes the connection, then tells the server to dispose the circuit at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        End("disposed by the client");
        if (_hub is null)
        {
            return;
        }

        try
        {
            await _hub.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Already closed by the server.
        }

        if (CircuitId is null)
        {
            return;
        }

        // As blazor.web.js: the circuit id as form data, so the server frees the circuit now
        // instead of keeping it for a reconnect.
        try
        {
            using var form = new MultipartFormDataContent { { new StringContent(CircuitId), "circuitId" } };
            using var request = WithCookies(new HttpRequestMessage(HttpMethod.Post, "_blazor/disconnect") { Content = form });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await _settings.Http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Best effort, as sendBeacon is: the server drops the circuit after its retention period.
        }
    }

    private async Task<string> LoadPageAsync(Uri pageUri, CancellationToken cancellationToken)
    {
        using var request = WithCookies(new HttpRequestMessage(HttpMethod.Get, pageUri));
        using var response = await _settings.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new CircuitFailedException($"{pageUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            Cookies = MergeCookies(Cookies, setCookies);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage WithCookies(HttpRequestMessage request)
    {
        if (Cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", Cookies);
        }

        return request;
    }

    // Keeps name=value of each Set-Cookie (attributes are for the browser's jar, which is this string).
    internal static string? MergeCookies(string? existing, IEnumerable<string> setCookies)
    {
        var jar = new List<KeyValuePair<string, string>>();
        foreach (var pair in (existing ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                jar.Add(new(pair[..eq], pair[(eq + 1)..]));
            }
        }

        foreach (var header in setCookies)
        {
            var first = header.Split(';', 2)[0].Trim();
            var eq = first.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = first[..eq];
            jar.RemoveAll(c => c.Key == name);
            jar.Add(new(name, first[(eq + 1)..]));
        }

        return jar.Count == 0 ? null : string.Join("; ", jar.Select(c => c.Key + "=" + c.Value));
    }

    private static string AddOperations(IReadOnlyList<ComponentMarker> markers)
    {
        // The shape WebRootComponentManager sends: { batchId, operations: [{ type, ssrComponentId, marker }] },
        // with ssr component ids and operation batch ids counted from 1, descriptor ids from 0.
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = markers[i].ToOperationMarker(i),
            });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    private HubConnection CreateConnection()
    {
        var options = new HttpConnectionOptions
        {
            Url = new Uri(_settings.BaseAddress, "_blazor"),
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = _settings.SkipNegotiation,
            HttpMessageHandlerFactory = _ => _settings.NegotiateHandler,
        };
        if (Cookies is not null)
        {
            options.Headers["Cookie"] = Cookies;
        }

        _settings.UseSourceAddresses(options);

        var factory = new HttpConnectionFactory(Options.Create(options), _settings.LoggerFactory);
        var hub = new HubConnection(factory, _settings.BlazorPack, new UriEndPoint(options.Url), _settings.Services, _settings.LoggerFactory);
        hub.On("JS.BeginInvokeJS", BeginInvokeJSTypes, static (args, state) => ((BlazorCircuit)state).OnBeginInvokeJSAsync(args), this);
        hub.On("JS.EndInvokeDotNet", EndInvokeDotNetTypes, static (args, state) => ((BlazorCircuit)state).OnEndInvokeDotNet(args), this);
        hub.On("JS.RenderBatch", RenderBatchTypes, static (args, state) => ((BlazorCircuit)state).OnRenderBatchAsync(args), this);
        hub.On("JS.Error", ErrorTypes, static (args, state) => ((BlazorCircuit)state).OnError(args), this);
        hub.On("JS.EndUpdateRootComponents", LongTypes, static (_, _) => Task.CompletedTask, this);
        hub.On("JS.ReceiveByteArray", ByteArrayTypes, static (_, _) => Task.CompletedTask, this);
        hub.Closed += exception =>
        {
            End(exception is null ? "the connection closed" : "the connection failed: " + exception.Message);
            return Task.CompletedTask;
        };
        return hub;
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var asyncHandle = (long)args[0]!;
        var identifier = (string)args[1]!;
        var argsJson = (string?)args[2] ?? "[]";
        JSInteropAnswer answer;
        try
        {
            answer = BlazorInternal(identifier) ?? _js.Invoke(identifier, argsJson);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            // What a throwing page function produces: the message and a stack.
            answer = JSInteropAnswer.Error(ex.Message + "\n" + ex.StackTrace);
        }

        if (!answer.Succeeded)
        {
            Interlocked.Increment(ref _interopErrors);
        }

        // A zero handle is a call nobody waits for: no answer, as in the browser.
        if (asyncHandle == 0 || _hub is not { } hub)
        {
            return;
        }

        // The answer repeats the handle and the outcome inside its JSON, as the browser's dispatcher does.
        var payload = answer.Succeeded
            ? "[" + asyncHandle.ToString(CultureInfo.InvariantCulture) + ",true," + answer.ResultJson + "]"
            : "[" + asyncHandle.ToString(CultureInfo.InvariantCulture) + ",false," + JsonSerializer.Serialize(answer.ResultJson) + "]";
        await SendQuietlyAsync(hub, "EndInvokeJSFromDotNet", asyncHandle, answer.Succeeded, payload).ConfigureAwait(false);
    }

    // Calls the renderer makes into blazor.web.js itself rather than into the page's scripts. The
    // circuit's renderer attaches its interop object when it starts (the browser keeps it for JS
    // components and returns nothing); a headless page has no JS components, so it only answers.
    private static JSInteropAnswer? BlazorInternal(string identifier) => identifier switch
    {
        "Blazor._internal.attachWebRendererInterop" => JSInteropAnswer.Void,
        _ => null,
    };

    private Task OnEndInvokeDotNet(object?[] args)
    {
        var callId = long.Parse((string)args[0]!, CultureInfo.InvariantCulture);
        var succeeded = (bool)args[1]!;
        var result = (string?)args[2] ?? "null";
        TaskCompletionSource<string>? pending = null;
        lock (_gate)
        {
            _pendingCalls?.Remove(callId, out pending);
        }

        if (succeeded)
        {
            pending?.TrySetResult(result);
        }
        else
        {
            pending?.TrySetException(new InvalidOperationException("The server failed the call: " + result));
        }

        return Task.CompletedTask;
    }

    private async Task OnRenderBatchAsync(object?[] args)
    {
        var batchId = (long)args[0]!;
        var batch = (byte[])args[1]!;
        if (_hub is not { } hub)
        {
            return;
        }

        // The browser's render queue: an old batch is acknowledged again, a batch from the future
        // waits for the server to resend the missing one, the next one is applied and acknowledged.
        if (batchId < _nextBatchId)
        {
            await SendQuietlyAsync(hub, "OnRenderCompleted", batchId, null).ConfigureAwait(false);
            return;
        }

        if (batchId > _nextBatchId)
        {
            return;
        }

        string? error = null;
        try
        {
            var summary = RenderBatchSummary.Read(batch);
            RenderBatchObserver?.Invoke(batchId, summary);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
        }

        _nextBatchId++;
        await SendQuietlyAsync(hub, "OnRenderCompleted", batchId, error).ConfigureAwait(false);
        if (error is null)
        {
            Interlocked.Increment(ref _batchesAcknowledged);
        }
        else
        {
            End("a render batch could not be read: " + error);
        }
    }

    private Task OnError(object?[] args)
    {
        // blazor.web.js shows the error UI and disconnects; the circuit is over.
        End("the server reported an error: " + (string?)args[0]);
        _ = _hub?.StopAsync();
        return Task.CompletedTask;
    }

    private void End(string reason)
    {
        if (!_ended.TrySetResult(reason))
        {
            return;
        }

        Dictionary<long, TaskCompletionSource<string>>? pending;
        lock (_gate)
        {
            pending = _pendingCalls;
            _pendingCalls = null;
        }

        foreach (var call in pending?.Values ?? Enumerable.Empty<TaskCompletionSource<string>>())
        {
            call.TrySetException(new CircuitFailedException("The circuit ended: " + reason));
        }
    }

    private async Task SendQuietlyAsync(HubConnection hub, string method, params object?[] args)
    {
        try
        {
            await hub.SendCoreAsync(method, args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            End("sending " + method + " failed: " + ex.Message);
        }
    }
}
