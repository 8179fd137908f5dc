using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>
/// Everything the load client knows of <c>thywill.js</c>, in one place: the functions the client root
/// component calls on the page (<c>thywill._attach</c>, <c>_ready</c>, <c>_deliver</c>, <c>_gap</c>,
/// <c>_fail</c>) and the answers the page gives, and the .NET methods the page calls back through
/// its <c>DotNetObjectReference</c> (<c>Send</c>, <c>Join</c>, <c>Leave</c>, <c>Publish</c>, <c>Call</c>,
/// <c>ReportError</c>). When thywill.js learns a new call, this class learns it too.
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

    // thywill.js refuses every request before its bootstrap has completed, without asking the server.
    private static readonly ChannelOutcome NotReady = ChannelOutcome.Refused("not-ready", "The bootstrap has not completed.");

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
    private long _presenceEvents;
    private long _recoveryEvents;
    private long _notRecovered;

    // Join and leave set cursors too, from the caller's thread; the receive loop takes it uncontended.
    private readonly Lock _cursorsGate = new();

    /// <summary>Creates the page's half for one client.</summary>
    /// <param name="applicationId">The application the page was loaded for.</param>
    /// <param name="clientIndex">The client's index, passed to <paramref name="sink"/>.</param>
    /// <param name="sink">Where delivered messages go.</param>
    /// <param name="resumeToken">The token a previous page of the same tab left in sessionStorage.</param>
    public ThywillProtocol(string applicationId, int clientIndex, IMessageSink? sink, string? resumeToken = null)
        : this(applicationId, clientIndex, sink, resumeToken, remembered: [])
    {
    }

    // The next page of the same tab: what the previous one left in sessionStorage.
    private ThywillProtocol(string applicationId, int clientIndex, IMessageSink? sink, string? resumeToken, Cursor[] remembered)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        _applicationId = applicationId;
        _clientIndex = clientIndex;
        _sink = sink;
        ResumeToken = resumeToken;
        _cursors = remembered;
    }

    /// <summary>The id of the <c>DotNetObjectReference</c> the page was attached to (0 before).</summary>
    public long DotNetObjectId { get; private set; }

    /// <summary>The tab's resume token (sessionStorage), replaced at each bootstrap.</summary>
    public string? ResumeToken { get; private set; }

    /// <summary>The client id from <c>thywill.config</c>, once ready.</summary>
    public string? ClientId { get; private set; }

    /// <summary>Whether the bootstrap resumed the identity of the tab's resume token (<c>thywill.config.resumed</c>).</summary>
    public bool Resumed { get; private set; }

    /// <summary>Completes with the client id when the bootstrap is done; fails with its reason.</summary>
    public Task<string> Bootstrapped => _ready.Task;

    /// <summary>Messages delivered to the page.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages delivered again (an offset already seen), dropped as thywill.js drops them.</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Messages the server reported dropped (<c>_gap</c>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Presence events delivered (<c>{ type: 'presence' }</c>: a member joined, left or changed its info).</summary>
    public long PresenceEvents => Interlocked.Read(ref _presenceEvents);

    /// <summary>Recovery events delivered (<c>{ type: 'recovery' }</c>: the outcome of recovering a channel from a position).</summary>
    public long RecoveryEvents => Interlocked.Read(ref _recoveryEvents);

    /// <summary>Recovery events saying not everything missed could be delivered (<c>recovered: false</c>).</summary>
    public long NotRecovered => Interlocked.Read(ref _notRecovered);

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

    /// <summary>
    /// <c>thywill.join(channel, { history, info })</c>: the page's <c>invokeMethodAsync('Join', channel,
    /// { history, info, position })</c>, where position is the page's last <c>{ epoch, offset }</c> in
    /// the channel (or null). Joined without history and without a position, the page starts from the
    /// channel's present: the answer's epoch and offset become its position.
    /// </summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="history">Whether the server delivers what the channel keeps first.</param>
    /// <param name="infoJson">Presence info as JSON (<c>{"name":"Ann"}</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The position in the channel and the presence count, or a refusal.</returns>
    public async Task<ChannelOutcome> JoinAsync(BlazorCircuit circuit, string channel, bool history, string? infoJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!IsReady)
        {
            return NotReady;
        }

        // As thywill.js: a position is presented only where history is not asked for.
        var known = FindPosition(channel);
        var position = known is { Epoch.Length: > 0 } p && !history
            ? $$"""{"epoch":{{JsonSerializer.Serialize(p.Epoch)}},"offset":{{p.Offset.ToString(CultureInfo.InvariantCulture)}}}"""
            : "null";
        var args = $$"""[{{JsonSerializer.Serialize(channel)}},{"history":{{(history ? "true" : "false")}},"info":{{infoJson ?? "null"}},"position":{{position}}}]""";
        var outcome = ParseChannelResult(await circuit.InvokeDotNetAsync(DotNetObjectId, "Join", args, cancellationToken).ConfigureAwait(false));
        if (outcome is { Ok: true, Channel: { } joined, Epoch: { } epoch, Offset: { } offset } && known is null)
        {
            RememberJoin(joined, epoch, offset, history);
        }

        return outcome;
    }

    /// <summary>
    /// <c>thywill.leave(channel)</c>: the page's <c>invokeMethodAsync('Leave', channel)</c>; the page
    /// forgets its position in the channel.
    /// </summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The channel, or a refusal.</returns>
    public async Task<ChannelOutcome> LeaveAsync(BlazorCircuit circuit, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!IsReady)
        {
            return NotReady;
        }

        var outcome = ParseChannelResult(await circuit.InvokeDotNetAsync(DotNetObjectId, "Leave", "[" + JsonSerializer.Serialize(channel) + "]", cancellationToken).ConfigureAwait(false));
        if (outcome is { Ok: true, Channel: { } left })
        {
            RemovePosition(left);
        }

        return outcome;
    }

    /// <summary>
    /// <c>thywill.publish(channel, data, { excludeSelf })</c>: the page's <c>invokeMethodAsync('Publish',
    /// channel, data, { excludeSelf })</c>. With <paramref name="excludeSelf"/> the publication is not
    /// delivered back to this client.
    /// </summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="channel">The channel name (joined first, or the server answers <c>not-member</c>).</param>
    /// <param name="dataJson">The message as JSON (any JSON value).</param>
    /// <param name="excludeSelf">Whether the publisher is left out of the delivery.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The publication's id, epoch and offset, or a refusal.</returns>
    public async Task<ChannelOutcome> PublishAsync(BlazorCircuit circuit, string channel, string dataJson, bool excludeSelf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!IsReady)
        {
            return NotReady;
        }

        var args = "[" + JsonSerializer.Serialize(channel) + "," + dataJson + (excludeSelf ? ",{\"excludeSelf\":true}]" : ",{\"excludeSelf\":false}]");
        return ParseChannelResult(await circuit.InvokeDotNetAsync(DotNetObjectId, "Publish", args, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// <c>thywill.call(name, ...args)</c>: the page's <c>invokeMethodAsync('Call', name, args)</c> and
    /// the server's <c>{ ok, result, code, message }</c>.
    /// </summary>
    /// <param name="circuit">The client's circuit.</param>
    /// <param name="name">The function's name (camel-cased, as the application exposes it).</param>
    /// <param name="argsJson">The arguments as a JSON array.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The result, or a named error.</returns>
    public async Task<CallOutcome> CallAsync(BlazorCircuit circuit, string name, string argsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!IsReady)
        {
            return new CallOutcome(false, null, NotReady.Code, NotReady.Message);
        }

        var json = await circuit.InvokeDotNetAsync(DotNetObjectId, "Call", "[" + JsonSerializer.Serialize(name) + "," + argsJson + "]", cancellationToken).ConfigureAwait(false);
        return ParseCallResult(json);
    }

    /// <summary>Reads the <c>{ ok, result, code, message }</c> the server answers a call with.</summary>
    /// <param name="json">The answer.</param>
    public static CallOutcome ParseCallResult(string json)
    {
        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CallOutcome(false, null, "rejected", "The server answered " + json);
        }

        return new CallOutcome(
            root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
            root.TryGetProperty("result", out var value) ? value.GetRawText() : null,
            Text(root, "code"),
            Text(root, "message"));
    }

    /// <summary>
    /// The next page of this tab (a reload): a page with the same resume token and the same channel
    /// positions, as thywill.js finds them in sessionStorage; it has received nothing yet.
    /// </summary>
    /// <param name="sink">Where the new page's messages go.</param>
    public ThywillProtocol NextPage(IMessageSink? sink)
    {
        using var scope = _cursorsGate.EnterScope();
        return new ThywillProtocol(_applicationId, _clientIndex, sink, ResumeToken, [.. _cursors]);
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
        var outcome = ParseChannelResult(json);
        return new SendOutcome(outcome.Ok, outcome.Id, outcome.Code, outcome.Message);
    }

    /// <summary>Reads the <c>{ ok, id, channel, epoch, offset, presence, code, message }</c> the server answers a channel operation with.</summary>
    /// <param name="json">The answer.</param>
    public static ChannelOutcome ParseChannelResult(string json)
    {
        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ChannelOutcome.Refused("rejected", "The server answered " + json);
        }

        return new ChannelOutcome(
            root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
            Text(root, "channel"),
            Text(root, "epoch"),
            root.TryGetProperty("offset", out var offset) && offset.ValueKind == JsonValueKind.Number ? offset.GetInt64() : null,
            Text(root, "id"),
            root.TryGetProperty("presence", out var presence) && presence.ValueKind == JsonValueKind.Array ? presence.GetArrayLength() : null,
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

    /// <summary>
    /// <c>thywill._deliver(batch)</c> with the batch as the JSON array the server passes. Presence and
    /// recovery events (<c>type</c> <c>presence</c> or <c>recovery</c>, no offset) are counted and
    /// skipped, as thywill.js hands them to their own listeners.
    /// </summary>
    /// <param name="batch">The array of envelopes.</param>
    public void DeliverBatch(JsonElement batch)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var envelope in batch.EnumerateArray())
        {
            if (envelope.TryGetProperty("type", out var type) && SkipEvent(type, envelope))
            {
                continue;
            }

            var offset = envelope.GetProperty("offset").GetInt64();
            if (!Advance(envelope.GetProperty("channel"), envelope.GetProperty("epoch"), offset))
            {
                Interlocked.Increment(ref _repeats);
                continue;
            }

            Interlocked.Increment(ref _received);
            _sink?.OnEnvelope(_clientIndex, envelope, offset, now);
        }
    }

    private JSInteropAnswer OnAttach(string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        DotNetObjectId = args.RootElement[0].GetProperty("__dotNetObject").GetInt64();
        if (args.RootElement[1].GetString() != _applicationId)
        {
            return JSInteropAnswer.Result("""{"resumeToken":null,"positions":{}}""");
        }

        // As thywill.js: the token and what the tab remembers per channel, { epoch, offset, history }.
        var positions = new Dictionary<string, RememberedPosition>(StringComparer.Ordinal);
        using (_cursorsGate.EnterScope())
        {
            foreach (var cursor in _cursors)
            {
                positions[cursor.Channel] = new RememberedPosition(cursor.Epoch.Length == 0 ? null : cursor.Epoch, cursor.Offset, cursor.History);
            }
        }

        return JSInteropAnswer.Result(JsonSerializer.Serialize(new { resumeToken = ResumeToken, positions }));
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

        Resumed = config.RootElement.TryGetProperty("resumed", out var resumed) && resumed.ValueKind == JsonValueKind.True;
        if (!Resumed)
        {
            // A new identity: positions remembered for the old one mean nothing now (thywill.js clears them too).
            using var scope = _cursorsGate.EnterScope();
            _cursors = [];
        }

        _ready.TrySetResult(ClientId);
        return JSInteropAnswer.Void;
    }

    private bool Advance(JsonElement channel, JsonElement epoch, long offset)
    {
        using var scope = _cursorsGate.EnterScope();
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

            cursor = new Cursor(cursor.Channel, sameEpoch ? cursor.Epoch : epoch.GetString() ?? "", offset, cursor.History);
            return true;
        }

        Array.Resize(ref _cursors, _cursors.Length + 1);
        _cursors[^1] = new Cursor(channel.GetString() ?? "", epoch.GetString() ?? "", offset, History: false);
        return true;
    }

    private bool IsReady => DotNetObjectId != 0 && ClientId is not null;

    private bool SkipEvent(JsonElement type, JsonElement envelope)
    {
        if (type.ValueEquals("presence"))
        {
            Interlocked.Increment(ref _presenceEvents);
            return true;
        }

        if (type.ValueEquals("recovery"))
        {
            Interlocked.Increment(ref _recoveryEvents);
            if (envelope.TryGetProperty("recovered", out var recovered) && recovered.ValueKind == JsonValueKind.False)
            {
                Interlocked.Increment(ref _notRecovered);
            }

            return true;
        }

        return false;
    }

    private Cursor? FindPosition(string channel)
    {
        using var scope = _cursorsGate.EnterScope();
        var i = Array.FindIndex(_cursors, c => c.Channel == channel);
        return i >= 0 ? _cursors[i] : null;
    }

    // Without history the page starts from the join's position; with it, the messages that follow
    // set the position and the tab remembers to ask for the history again. Messages may have come
    // before the answer: their position is newer and is kept.
    private void RememberJoin(string channel, string epoch, long offset, bool history)
    {
        using var scope = _cursorsGate.EnterScope();
        var i = Array.FindIndex(_cursors, c => c.Channel == channel);
        if (i >= 0)
        {
            _cursors[i] = _cursors[i] with { History = history };
            return;
        }

        Array.Resize(ref _cursors, _cursors.Length + 1);
        _cursors[^1] = history ? new Cursor(channel, "", 0, History: true) : new Cursor(channel, epoch, offset, History: false);
    }

    private void RemovePosition(string channel)
    {
        using var scope = _cursorsGate.EnterScope();
        _cursors = Array.FindAll(_cursors, c => c.Channel != channel);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Epoch "" is "no position yet" (a channel joined with its history, nothing delivered).
    private readonly record struct Cursor(string Channel, string Epoch, long Offset, bool History);

    private sealed record RememberedPosition(
        [property: JsonPropertyName("epoch")] string? Epoch,
        [property: JsonPropertyName("offset")] long Offset,
        [property: JsonPropertyName("history")] bool History);
}
