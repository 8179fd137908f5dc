using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>
/// A real Thywill host (the Host project's Program) on Kestrel, on a free loopback port, with its
/// own SQLite file and log folder in a temp directory.
/// </summary>
public sealed class ThywillTestHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private bool _keepData;

    private ThywillTestHost(Factory factory, Uri baseAddress, string dataFolder, IReadOnlyDictionary<string, string?> settings)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
        _settings = settings;
    }

    /// <summary>The address the host listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The temp folder with the host's database and log files.</summary>
    public string DataFolder { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The URL of an application's init page.</summary>
    /// <param name="applicationId">The application id.</param>
    public string AppUrl(string applicationId) => new Uri(BaseAddress, "thywill/init/" + applicationId).ToString();

    /// <summary>Starts a host; <paramref name="settings"/> override configuration keys.</summary>
    /// <param name="settings">Configuration keys and values, e.g. <c>Thywill:Messages:MaxMessageBytes</c>.</param>
    public static Task<ThywillTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(settings ?? new Dictionary<string, string?>(), Directory.CreateTempSubdirectory("thywill-e2e-").FullName, port: 0);

    /// <summary>
    /// Stops this host and starts a new one on the same port with the same database and settings —
    /// a server restart, as browsers see it.
    /// </summary>
    public async Task<ThywillTestHost> RestartAsync()
    {
        _keepData = true;
        await DisposeAsync();
        return await StartAsync(_settings, DataFolder, BaseAddress.Port);
    }

    private static Task<ThywillTestHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string dataFolder, int port)
    {
        var factory = new Factory(dataFolder, settings);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return Task.FromResult(new ThywillTestHost(factory, address, dataFolder, settings));
    }

    /// <summary>Everything the host logged to its file so far.</summary>
    public string ReadLog()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(DataFolder, "logs"), "*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>Waits until the host has logged <paramref name="text"/>; fails the test after <paramref name="timeoutSeconds"/>.</summary>
    /// <param name="text">Text the log must contain.</param>
    /// <param name="timeoutSeconds">How long to wait.</param>
    public async Task WaitForLogAsync(string text, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!ReadLog().Contains(text, StringComparison.Ordinal))
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, $"Not logged within {timeoutSeconds} s: {text}");
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
            // A log file may still be held for a moment; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Factory(string dataFolder, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");

            // Open circuits would otherwise hold a stop (or a restart) for the default 30 s.
            builder.UseShutdownTimeout(TimeSpan.FromSeconds(2));
            builder.UseSetting("Thywill:Database:ConnectionString", "Data Source=" + Path.Combine(dataFolder, "thywill.db"));
            builder.UseSetting("Logging:Folder", Path.Combine(dataFolder, "logs"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
