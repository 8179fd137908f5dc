using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>
/// What every client of one run shares: the server's address, one HTTP connection pool for pages
/// and negotiation, the hub protocol and an empty service provider. Sharing them keeps the per-client
/// state down to the connection itself.
/// </summary>
public sealed class ConnectionSettings : IDisposable
{
    // Linux: bind the address now but choose the port at connect time, per (source, destination)
    // pair, so each source address has its own ~28,000 ephemeral ports (IP_BIND_ADDRESS_NO_PORT).
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private readonly SocketsHttpHandler _handler;
    private readonly SocketsHttpHandler _webSocketHandler;
    private readonly ServiceProvider _services;
    private readonly Dictionary<IPAddress, int> _sourcesUsed = [];
    private long _nextSource;

    /// <summary>Creates the settings for a server.</summary>
    /// <param name="baseAddress">The server, e.g. <c>http://127.0.0.1:5080/</c>. Only loopback addresses are accepted.</param>
    /// <param name="loggerFactory">Logging for the SignalR connections; none by default.</param>
    /// <exception cref="ArgumentException">The address is not a loopback address.</exception>
    public ConnectionSettings(Uri baseAddress, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsLoopback)
        {
            // Load is only ever aimed at this machine.
            throw new ArgumentException($"The load client only targets loopback addresses, not {baseAddress}.", nameof(baseAddress));
        }

        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _handler = new SocketsHttpHandler
        {
            // Cookies are kept per client, not per pool.
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = 256,
            ConnectCallback = ConnectAsync,
        };

        // WebSockets get their own handler: they leave the pool once upgraded and must not wait for
        // its connection limit.
        _webSocketHandler = new SocketsHttpHandler { UseCookies = false, ConnectCallback = ConnectAsync };
        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        NegotiateHandler = new SharedHandler(_handler);
        _services = new ServiceCollection().AddLogging().BuildServiceProvider();
        Services = new SharedServices(_services);
    }

    /// <summary>
    /// The local addresses connections are made from, in turn (for example 127.0.0.1 to 127.0.0.4).
    /// One address has about 28,000 ephemeral ports towards one server port; more addresses, more
    /// connections. Empty (the default): the system chooses, and SignalR opens its WebSockets itself.
    /// </summary>
    public IReadOnlyList<IPAddress> SourceAddresses { get; init; } = [];

    /// <summary>The first <paramref name="count"/> loopback addresses, 127.0.0.1 upwards.</summary>
    /// <param name="count">How many, 1 to 254.</param>
    public static IReadOnlyList<IPAddress> LoopbackSources(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 254);
        return [.. Enumerable.Range(1, count).Select(i => new IPAddress([127, 0, 0, (byte)i]))];
    }

    /// <summary>How many connections were opened from each source address (empty without <see cref="SourceAddresses"/>).</summary>
    public IReadOnlyDictionary<IPAddress, int> SourcesUsed
    {
        get
        {
            lock (_sourcesUsed)
            {
                return new Dictionary<IPAddress, int>(_sourcesUsed);
            }
        }
    }

    /// <summary>The server's base address, ending with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The shared HTTP client (no cookie container; clients send their own cookies).</summary>
    public HttpClient Http { get; }

    /// <summary>Negotiation requests go through the shared pool instead of a pool per connection.</summary>
    internal HttpMessageHandler NegotiateHandler { get; }

    /// <summary>The shared (empty) service provider the SignalR connections need.</summary>
    internal IServiceProvider Services { get; }

    /// <summary>Logging for the SignalR connections.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The <c>blazorpack</c> protocol, stateless and shared.</summary>
    public IHubProtocol BlazorPack { get; } = new BlazorPackHubProtocol();

    /// <summary>Plain SignalR MessagePack, for the baseline hub's clients.</summary>
    public IHubProtocol MessagePack { get; } = new MessagePackHubProtocol();

    /// <summary>
    /// Whether to skip SignalR's negotiate request, as a browser never does.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: negotiate, then open the WebSocket, like blazor.web.js.</value>
    public bool SkipNegotiation { get; init; }

    /// <summary>Whether to fetch <c>_blazor/initializers</c> before connecting, as blazor.web.js does.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool FetchInitializers { get; init; } = true;

    /// <summary>How long one client may take to open its circuit and finish the page's bootstrap.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sets a SignalR connection up to open its WebSocket from the next source address; without
    /// <see cref="SourceAddresses"/> it is left to SignalR.
    /// </summary>
    /// <param name="options">The connection's options (their headers, the cookie included, are sent).</param>
    internal void UseSourceAddresses(HttpConnectionOptions options)
    {
        if (SourceAddresses.Count == 0)
        {
            return;
        }

        options.WebSocketFactory = async (context, cancellationToken) =>
        {
            var socket = new ClientWebSocket();
            foreach (var header in context.Options.Headers)
            {
                socket.Options.SetRequestHeader(header.Key, header.Value);
            }

            try
            {
                using var invoker = new HttpMessageInvoker(_webSocketHandler, disposeHandler: false);
                await socket.ConnectAsync(context.Uri, invoker, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
        _webSocketHandler.Dispose();
        _services.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var source = SourceAddresses.Count > 0 ? SourceAddresses[(int)(Interlocked.Increment(ref _nextSource) % SourceAddresses.Count)] : null;
        var socket = source is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null)
            {
                if (OperatingSystem.IsLinux())
                {
                    socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                }

                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            if (source is not null && socket.LocalEndPoint is IPEndPoint local)
            {
                lock (_sourcesUsed)
                {
                    _sourcesUsed[local.Address] = _sourcesUsed.GetValueOrDefault(local.Address) + 1;
                }
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // A HubConnection disposes the service provider it is given when it is disposed (the builder makes
    // one per connection); this view of the shared one is not disposable, so it survives them all.
    private sealed class SharedServices(IServiceProvider inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) => inner.GetService(serviceType);
    }

    // The SignalR client disposes the handler it is given with its HttpClient; the shared pool must
    // outlive every connection, so disposal stops here.
    private sealed class SharedHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
