using System.Diagnostics;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>
/// Everything the load client knows of <c>thywill.js</c>, in one place: the functions the client root
/// component calls on the page (<c>thywill._attach</c>, <c>_ready</c>, <c>_deliver</c>, <c>_gap</c>,
/// <c>_fail</c>) and the answers the page gives, and the .NET methods the page calls back through
/// its <c>DotNetObjectReference</c> (<c>Send</c>, <c>ReportError</c>). When thywill.js learns a new
/// call, this class learns it too.
/// </summary>
public sealed class ThywillProtocol : IJSInteropHandler
{
    /// <summary>The page's first answer: its resume token, if the tab has one.</summary>
    public const string Attach = "thywill._attach";

    /// <summary>The bootstrap is complete: the client's configuration and a fresh resume token.</summary>
    public const string Ready = "thywill._ready";

    /// <summary>A batch of messages: a JSON array of <c>{ id, channel, epoch, offset, from, data, ts }</c>.</summary>
    public const string Deliver = "thywill._deliver";

    /// <summary>Messages were dropped because the client fell behind.</summary>
    public const string Gap = "thywill._gap";

    /// <summary>The bootstrap failed, with a code and a message.</summary>
    public const string Fail = "thywill._fail";

    private readonly string _applicationId;
    private readonly IMessageSink? _sink;
    private readonly int _clientIndex;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The last offset seen per channel, as thywill.js keeps it: a handful of channels per client,
    // so a small array beats a dictionary.
    private Cursor[] _cursors = [];
    private long _received;
    private long _repeats;
    private long _dropped;

    /// <summary>Creates the page's half for one client.</summary>
    /// <param name="applicationId">The application the page was loaded for.</param>
    /// <param name="clientIndex">The client's index, passed to <paramref name="sink"/>.</param>
    /// <param name="sink">Where delivered messages go.</param>
    /// <param name="resumeToken">The token a previous page of the same tab left in sessionStorage.</param>
    public ThywillProtocol(string applicationId, int clientIndex, IMessageSink? sink, string? resumeToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        _applicationId = applicationId;
        _clientIndex = clientIndex;
        _sink = sink;
        ResumeToken = resumeToken;
    }

    /// <summary>The id of the <c>DotNetObjectReference</c> the page was attached to (0 before).</summary>
    public long DotNetObjectId { get; private set; }

    /// <summary>The tab's resume token (sessionStorage), replaced at each bootstrap.</summary>
    public string? ResumeToken { get; private set; }

    /// <summary>The client id from <c>thywill.config</c>, once ready.</summary>
    public string? ClientId { get; private set; }

    /// <summary>Completes with the client id when the bootstrap is done; fails with its reason.</summary>
    public Task<string> Bootstrapped => _ready.Task;

    /// <summary>Messages delivered to the page.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages delivered again (an offset already seen), dropped as thywill.js drops them.</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Messages the server reported dropped (<c>_gap</c>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public JSInteropAnswer Invoke(string identifier, string argsJson)
    {
        switch (identifier)
        {
            case Attach:
                return OnAttach(argsJson);
            case Ready:
                return OnReady(argsJson);
            case Deliver:
                using (var args = JsonDocument.Parse(argsJson))
                {
                    // Thywill passes the batch as an array; a string holding one is accepted too, as thywill.js does.
                    var batch = args.RootElement[0];
                    if (batch.ValueKind == JsonValueKind.String)
                    {
                        DeliverBatch(batch.GetString() ?? "[]");
                    }
                    else
                    {
                        DeliverBatch(batch);
                    }
                }

                return JSInteropAnswer.Void;
            case Gap:
                using (var args = JsonDocument.Parse(argsJson))
                {
                    Interlocked.Add(ref _dropped, args.RootElement[0].GetInt64());
                }

                return JSInteropAnswer.Void;
            case Fail:
                using (var args = JsonDocument.Parse(argsJson))
                {
                    _ready.TrySetException(new CircuitFailedException($"The bootstrap failed: {args.RootElement[0].GetString()}: {args.RootElement[1].GetString()}"));
                }

                return JSInteropAnswer.Void;
            default:
                // The browser's own words: thywill exists but lacks the member, or the object is missing.
                var root = identifier.Split('.')[0];
                return JSInteropAnswer.Error(root == "thywill" && identifier.Length > root.Length
                    ? $"The value '{identifier}' is not a function."
                    : $"Could not find '{identifier}' ('{root}' was undefined).");
        }
    }

    /// <summary>
    /// <c>thywill.send(data)</c>: the page's <c>invokeMethodAsync('Send', data)</c> and the server's answer.
    /// </summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="dataJson">The message as JSON (any JSON value).</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>Accepted or refused.</returns>
    public async Task<SendOutcome> SendAsync(BlazorCircuit circuit, string dataJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (DotNetObjectId == 0 || ClientId is null)
        {
            return new SendOutcome(false, null, "not-ready", "The bootstrap has not completed.");
        }

        var result = await circuit.InvokeDotNetAsync(DotNetObjectId, "Send", "[" + dataJson + "]", cancellationToken).ConfigureAwait(false);
        return ParseSendResult(result);
    }

    /// <summary>What the page forwards of its own errors: <c>invokeMethodAsync('ReportError', entry)</c>.</summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="kind"><c>error</c>, <c>unhandledrejection</c> or <c>callback</c>.</param>
    /// <param name="message">The error's message.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task ReportErrorAsync(BlazorCircuit circuit, string kind, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var entry = JsonSerializer.Serialize(new { kind, message, stack = (string?)null, source = (string?)null, line = (int?)null, column = (int?)null });
        return circuit.InvokeDotNetAsync(DotNetObjectId, "ReportError", "[" + entry + "]", cancellationToken);
    }

    /// <summary>Reads the <c>{ ok, id, code, message }</c> the server answers a send with.</summary>
    /// <param name="json">The answer.</param>
    public static SendOutcome ParseSendResult(string json)
    {
        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SendOutcome(false, null, "rejected", "The server answered " + json);
        }

        return new SendOutcome(
            root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
            Text(root, "id"),
            Text(root, "code"),
            Text(root, "message"));
    }

    /// <summary>
    /// <c>thywill._deliver(batchJson)</c> with the batch as a JSON string: each envelope once, in order; an offset at or below the last
    /// one seen in its channel and epoch is a repeat from a resent batch and is dropped.
    /// </summary>
    /// <param name="batchJson">The batch, a JSON array of envelopes.</param>
    public void DeliverBatch(string batchJson)
    {
        using var batch = JsonDocument.Parse(batchJson);
        DeliverBatch(batch.RootElement);
    }

    /// <summary><c>thywill._deliver(batch)</c> with the batch as the JSON array the server passes.</summary>
    /// <param name="batch">The array of envelopes.</param>
    public void DeliverBatch(JsonElement batch)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var envelope in batch.EnumerateArray())
        {
            var offset = envelope.GetProperty("offset").GetInt64();
            if (!Advance(envelope.GetProperty("channel"), envelope.GetProperty("epoch"), offset))
            {
                Interlocked.Increment(ref _repeats);
                continue;
            }

            Interlocked.Increment(ref _received);
            _sink?.OnMessage(_clientIndex, offset, envelope.GetProperty("data"), now);
        }
    }

    private JSInteropAnswer OnAttach(string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        DotNetObjectId = args.RootElement[0].GetProperty("__dotNetObject").GetInt64();
        var appId = args.RootElement[1].GetString();
        var token = appId == _applicationId ? ResumeToken : null;
        return JSInteropAnswer.Result(JsonSerializer.Serialize(new { resumeToken = token }));
    }

    private JSInteropAnswer OnReady(string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        using var config = JsonDocument.Parse(args.RootElement[0].GetString() ?? "{}");
        ResumeToken = args.RootElement[1].GetString();
        ClientId = config.RootElement.GetProperty("clientId").GetString();
        if (ClientId is null)
        {
            return JSInteropAnswer.Error("thywill.config has no clientId.");
        }

        _ready.TrySetResult(ClientId);
        return JSInteropAnswer.Void;
    }

    private bool Advance(JsonElement channel, JsonElement epoch, long offset)
    {
        // Called on the client's receive loop only, so the cursors need no lock.
        for (var i = 0; i < _cursors.Length; i++)
        {
            ref var cursor = ref _cursors[i];
            if (!channel.ValueEquals(cursor.Channel))
            {
                continue;
            }

            var sameEpoch = epoch.ValueEquals(cursor.Epoch);
            if (sameEpoch && offset <= cursor.Offset)
            {
                return false;
            }

            cursor = new Cursor(cursor.Channel, sameEpoch ? cursor.Epoch : epoch.GetString() ?? "", offset);
            return true;
        }

        Array.Resize(ref _cursors, _cursors.Length + 1);
        _cursors[^1] = new Cursor(channel.GetString() ?? "", epoch.GetString() ?? "", offset);
        return true;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct Cursor(string Channel, string Epoch, long Offset);
}
