using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Baselines;

/// <summary>
/// A plain SignalR client of the baseline hub (<c>/hub</c>, MessagePack over WebSockets): it receives
/// the same envelope batches on <c>deliver</c> and handles them with the same code as a Thywill page,
/// so the two differ only in the server's transport.
/// </summary>
public sealed class SignalRBaselineClient : ILoadClient
{
    private static readonly Type[] DeliverTypes = [typeof(string)];
    private readonly HubConnection _hub;
    private readonly ThywillProtocol _page;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a client; nothing happens until <see cref="ConnectAsync"/>.</summary>
    /// <param name="settings">The run's shared settings.</param>
    /// <param name="index">The client's index, passed to <paramref name="sink"/>.</param>
    /// <param name="sink">Where delivered messages go.</param>
    public SignalRBaselineClient(ConnectionSettings settings, int index, IMessageSink? sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Index = index;
        _page = new ThywillProtocol("signalr", index, sink);
        var options = new HttpConnectionOptions
        {
            Url = new Uri(settings.BaseAddress, "hub"),
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = settings.SkipNegotiation,
            HttpMessageHandlerFactory = _ => settings.NegotiateHandler,
        };
        settings.UseSourceAddresses(options);
        var factory = new HttpConnectionFactory(Options.Create(options), settings.LoggerFactory);
        _hub = new HubConnection(factory, settings.MessagePack, new UriEndPoint(options.Url), settings.Services, settings.LoggerFactory);
        _hub.On("deliver", DeliverTypes, static (args, state) =>
        {
            ((ThywillProtocol)state).DeliverBatch((string)args[0]!);
            return Task.CompletedTask;
        }, _page);
        _hub.Closed += exception =>
        {
            _ended.TrySetResult(exception is null ? "the connection closed" : "the connection failed: " + exception.Message);
            return Task.CompletedTask;
        };
    }

    /// <inheritdoc />
    public int Index { get; }

    /// <inheritdoc />
    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    /// <inheritdoc />
    public Task<string> Ended => _ended.Task;

    /// <inheritdoc />
    public long Received => _page.Received;

    /// <inheritdoc />
    public long Repeats => _page.Repeats;

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _hub.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            throw new CircuitFailedException("The SignalR connection did not start: " + ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(string dataJson, CancellationToken cancellationToken) =>
        ThywillProtocol.ParseSendResult(await _hub.InvokeAsync<string>("Send", dataJson, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _ended.TrySetResult("disposed by the client");
        await _hub.DisposeAsync().ConfigureAwait(false);
    }
}
