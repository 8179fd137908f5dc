using System.Net;
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
    private readonly SocketsHttpHandler _handler;
    private readonly ServiceProvider _services;

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
        };
        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        NegotiateHandler = new SharedHandler(_handler);
        _services = new ServiceCollection().AddLogging().BuildServiceProvider();
        Services = new SharedServices(_services);
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

    /// <inheritdoc />
    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
        _services.Dispose();
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
