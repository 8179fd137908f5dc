using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Thywill.Blazor.Testing;

/// <summary>
/// A real Thywill host — your application's entry point (<c>Program</c>) — on Kestrel, on a free
/// loopback port, with its own SQLite file in a temp directory. What it logs is captured in memory
/// (<see cref="ReadLog"/>), whatever logging the host sets up.
/// </summary>
public sealed class ThywillTestHost : IAsyncDisposable
{
    private readonly IFactory _factory;
    private readonly Func<string, IReadOnlyDictionary<string, string?>, Action<IServiceCollection>?, HostLog, int, IFactory> _create;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly HostLog _log;
    private bool _keepData;

    private ThywillTestHost(
        IFactory factory,
        Func<string, IReadOnlyDictionary<string, string?>, Action<IServiceCollection>?, HostLog, int, IFactory> create,
        Uri baseAddress,
        string dataFolder,
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services,
        HostLog log)
    {
        _factory = factory;
        _create = create;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
        _settings = settings;
        _services = services;
        _log = log;
    }

    /// <summary>How many log entries <see cref="ReadLog"/> keeps: the oldest go first.</summary>
    public const int LogCapacity = 10_000;

    /// <summary>The address the host listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The temp folder with the host's database.</summary>
    public string DataFolder { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The URL of an application's init page.</summary>
    /// <param name="applicationId">The application id.</param>
    public string AppUrl(string applicationId) => new Uri(BaseAddress, "thywill/init/" + applicationId).ToString();

    /// <summary>Starts a host; <paramref name="settings"/> override configuration keys.</summary>
    /// <typeparam name="TEntryPoint">A type of the host's entry assembly, usually <c>Program</c>.</typeparam>
    /// <param name="settings">Configuration keys and values, e.g. <c>Thywill:Messages:MaxMessageBytes</c>.</param>
    /// <param name="services">Adds to the host's services, e.g. <c>s =&gt; s.AddThywillApplication&lt;MyApp&gt;()</c>.</param>
    public static Task<ThywillTestHost> StartAsync<TEntryPoint>(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        where TEntryPoint : class =>
        StartAsync(
            (folder, s, configure, log, port) => new Factory<TEntryPoint>(folder, s, configure, log, port),
            settings ?? new Dictionary<string, string?>(),
            Directory.CreateTempSubdirectory("thywill-test-").FullName,
            port: 0,
            services,
            new HostLog());

    /// <summary>
    /// Stops this host and starts a new one on the same port with the same database and settings —
    /// a server restart, as browsers see it. Its log goes on from this host's.
    /// </summary>
    public async Task<ThywillTestHost> RestartAsync()
    {
        _keepData = true;
        await DisposeAsync();
        return await StartAsync(_create, _settings, DataFolder, BaseAddress.Port, _services, _log);
    }

    private static Task<ThywillTestHost> StartAsync(
        Func<string, IReadOnlyDictionary<string, string?>, Action<IServiceCollection>?, HostLog, int, IFactory> create,
        IReadOnlyDictionary<string, string?> settings,
        string dataFolder,
        int port,
        Action<IServiceCollection>? services,
        HostLog log)
    {
        var factory = create(dataFolder, settings, services, log, port);
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return Task.FromResult(new ThywillTestHost(factory, create, address, dataFolder, settings, services, log));
    }

    /// <summary>
    /// What the host logged so far (the last <see cref="LogCapacity"/> entries, from before restarts
    /// too), one entry a line: <c>[LVL] Category: message</c>, then the exception's text if any. The
    /// levels are those the host's own logging configuration lets through.
    /// </summary>
    public string ReadLog() => _log.Text;

    /// <summary>Waits until the host has logged <paramref name="text"/>; fails the test after <paramref name="timeoutSeconds"/>.</summary>
    /// <param name="text">Text the log must contain.</param>
    /// <param name="timeoutSeconds">How long to wait.</param>
    public async Task WaitForLogAsync(string text, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!ReadLog().Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not logged within {timeoutSeconds} s: {text}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_keepData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the temp folder is cleaned by the OS.
        }
    }

    private interface IFactory : IAsyncDisposable
    {
        IServiceProvider Services { get; }
    }

    private sealed class Factory<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IFactory
        where TEntryPoint : class
    {
        private readonly string _dataFolder;
        private readonly IReadOnlyDictionary<string, string?> _settings;
        private readonly Action<IServiceCollection>? _services;
        private readonly HostLog _log;

        public Factory(string dataFolder, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, HostLog log, int port)
        {
            _dataFolder = dataFolder;
            _settings = settings;
            _services = services;
            _log = log;
            UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");

            // Open circuits would otherwise hold a stop (or a restart) for the default 30 s.
            builder.UseShutdownTimeout(TimeSpan.FromSeconds(2));
            builder.UseSetting("Thywill:Database:ConnectionString", "Data Source=" + Path.Combine(_dataFolder, "thywill.db"));

            // No balancer polls a test host: it stops without draining (a test may set a delay).
            builder.UseSetting("Thywill:Drain:Delay", "00:00:00");

            // A closed tab whose goodbye (Blazor's disconnect beacon) is lost on a busy machine is
            // gone after 15 s instead of the default 3 minutes — long enough for any cut-off a test
            // restores, short enough for a test that waits for a client to go away.
            builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(
                options => options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(15)));
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            if (_services is not null)
            {
                builder.ConfigureServices(_services);
            }

            // After the host's own services, so it wraps the logger factory the host ends up with.
            builder.ConfigureTestServices(services => HostLogLoggerFactory.Decorate(services, _log));
        }
    }
}
