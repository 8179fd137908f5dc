using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The real host (<see cref="Program"/>) in memory, with its database and log files in a temp
/// folder and its keys in memory, so tests never write into the repository or the user's key ring.
/// </summary>
internal sealed class ThywillHostFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _settings;

    /// <param name="settings">Configuration keys that override the host's own.</param>
    public ThywillHostFactory(params (string Key, string? Value)[] settings)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Thywill:Database:ConnectionString"] = _folder.SqliteConnectionString,
            ["Logging:Folder"] = LogFolder,

            // Stops at once: no balancer polls a test host (HealthTests sets a delay of its own).
            ["Thywill:Drain:Delay"] = "00:00:00",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>Where the host writes its log files.</summary>
    public string LogFolder => Path.Combine(_folder.Path, "logs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()));
    }

    // Program logs a failed start and exits instead of throwing, which leaves the factory holding a
    // disposed host. Turn that into an exception that carries the host's log, where the reason is.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        try
        {
            _ = host.Services.GetRequiredService<IServer>();
            return host;
        }
        catch (ObjectDisposedException ex)
        {
            host.Dispose();
            throw new InvalidOperationException($"The host stopped during start-up. Its log:{Environment.NewLine}{ReadLog()}", ex);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Everything the host logged to its files so far.</summary>
    public string ReadLog() =>
        Directory.Exists(LogFolder)
            ? string.Join(Environment.NewLine, Directory.GetFiles(LogFolder).Order(StringComparer.Ordinal).Select(File.ReadAllText))
            : "(no log written)";
}
