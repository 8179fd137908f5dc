using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>
/// A browser tab running a Thywill application, without the browser: a <see cref="BlazorCircuit"/>
/// for the transport and a <see cref="ThywillProtocol"/> for what thywill.js does on it.
/// </summary>
public sealed class ThywillLoadClient : ILoadClient
{
    private readonly ConnectionSettings _settings;
    private readonly string _applicationId;

    /// <summary>Creates a client of an application; nothing happens until <see cref="ConnectAsync"/>.</summary>
    /// <param name="settings">The run's shared settings.</param>
    /// <param name="applicationId">The application id (the page <c>thywill/init/{id}</c>).</param>
    /// <param name="index">The client's index, passed to <paramref name="sink"/>.</param>
    /// <param name="sink">Where delivered messages go.</param>
    /// <param name="resumeToken">A resume token from an earlier page of the same tab.</param>
    public ThywillLoadClient(ConnectionSettings settings, string applicationId, int index, IMessageSink? sink, string? resumeToken = null)
        : this(settings, applicationId, index, sink, resumeToken, interceptor: null)
    {
    }

    // Tests wrap the page's answers to check that the server notices a wrong one.
    internal ThywillLoadClient(ConnectionSettings settings, string applicationId, int index, IMessageSink? sink, string? resumeToken, Func<IJSInteropHandler, IJSInteropHandler>? interceptor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _applicationId = applicationId;
        Index = index;
        Protocol = new ThywillProtocol(applicationId, index, sink, resumeToken);
        Circuit = new BlazorCircuit(settings, interceptor is null ? Protocol : interceptor(Protocol));
    }

    private ThywillLoadClient(ThywillLoadClient previous, IMessageSink? sink)
    {
        _settings = previous._settings;
        _applicationId = previous._applicationId;
        Index = previous.Index;
        Protocol = previous.Protocol.NextPage(sink);
        Circuit = new BlazorCircuit(_settings, Protocol, previous.Circuit.Cookies);
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <summary>The circuit.</summary>
    public BlazorCircuit Circuit { get; }

    /// <summary>The page's thywill.js state.</summary>
    public ThywillProtocol Protocol { get; }

    /// <summary>The client id the server assigned, once connected.</summary>
    public string? ClientId => Protocol.ClientId;

    /// <inheritdoc />
    public bool IsConnected => Circuit.IsConnected && Protocol.Bootstrapped.IsCompletedSuccessfully;

    /// <inheritdoc />
    public Task<string> Ended => Circuit.Ended;

    /// <inheritdoc />
    public long Received => Protocol.Received;

    /// <inheritdoc />
    public long Repeats => Protocol.Repeats;

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await Circuit.StartAsync("thywill/init/" + Uri.EscapeDataString(_applicationId), timeout.Token).ConfigureAwait(false);

            // The bootstrap runs on the server after the root component renders: _attach, then _ready.
            var finished = await Task.WhenAny(Protocol.Bootstrapped, Circuit.Ended).WaitAsync(timeout.Token).ConfigureAwait(false);
            if (finished == Circuit.Ended)
            {
                throw new CircuitFailedException("The circuit ended before the bootstrap completed: " + Circuit.Ended.Result);
            }

            await Protocol.Bootstrapped.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CircuitFailedException($"The client did not connect within {_settings.ConnectTimeout.TotalSeconds:0} s.");
        }
    }

    /// <inheritdoc />
    public Task<SendOutcome> SendAsync(string dataJson, CancellationToken cancellationToken) =>
        Protocol.SendAsync(Circuit, dataJson, cancellationToken);

    /// <summary><c>thywill.join(channel, { history, info })</c>; see <see cref="ThywillProtocol.JoinAsync"/>.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="history">Whether the server delivers what the channel keeps first.</param>
    /// <param name="infoJson">Presence info as JSON, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public Task<ChannelOutcome> JoinAsync(string channel, bool history, string? infoJson, CancellationToken cancellationToken) =>
        Protocol.JoinAsync(Circuit, channel, history, infoJson, cancellationToken);

    /// <summary><c>thywill.leave(channel)</c>; see <see cref="ThywillProtocol.LeaveAsync"/>.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public Task<ChannelOutcome> LeaveAsync(string channel, CancellationToken cancellationToken) =>
        Protocol.LeaveAsync(Circuit, channel, cancellationToken);

    /// <summary><c>thywill.publish(channel, data, { excludeSelf })</c>; see <see cref="ThywillProtocol.PublishAsync"/>.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="dataJson">The message as JSON.</param>
    /// <param name="excludeSelf">Whether the publisher is left out of the delivery.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public Task<ChannelOutcome> PublishAsync(string channel, string dataJson, bool excludeSelf, CancellationToken cancellationToken) =>
        Protocol.PublishAsync(Circuit, channel, dataJson, excludeSelf, cancellationToken);

    /// <summary><c>thywill.call(name, ...args)</c>; see <see cref="ThywillProtocol.CallAsync"/>.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="argsJson">The arguments as a JSON array.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    public Task<CallOutcome> CallAsync(string name, string argsJson, CancellationToken cancellationToken) =>
        Protocol.CallAsync(Circuit, name, argsJson, cancellationToken);

    /// <summary>
    /// The page a reload of this tab opens: same cookies, same resume token, same channel positions
    /// (what the browser keeps in its cookie jar and sessionStorage), not connected yet. Dispose this
    /// page first, as the browser unloads it, then connect the new one.
    /// </summary>
    /// <param name="sink">Where the new page's messages go.</param>
    public ThywillLoadClient NextPage(IMessageSink? sink) => new(this, sink);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Circuit.DisposeAsync();
}
