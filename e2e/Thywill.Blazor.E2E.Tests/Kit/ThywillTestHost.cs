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

    private ThywillTestHost(Factory factory, Uri baseAddress, string dataFolder)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
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
    public static Task<ThywillTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("thywill-e2e-").FullName;
        var factory = new Factory(dataFolder, settings ?? new Dictionary<string, string?>());
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return Task.FromResult(new ThywillTestHost(factory, address, dataFolder));
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
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
            builder.UseSetting("Thywill:Database:ConnectionString", "Data Source=" + Path.Combine(dataFolder, "thywill.db"));
            builder.UseSetting("Logging:Folder", Path.Combine(dataFolder, "logs"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
