using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Tests.Kit;

/// <summary>
/// The real Host (its Program) on Kestrel on a free 127.0.0.1 port, with its database and logs in a
/// temp folder, shared by the tests of a class; plus the load client's settings pointed at it.
/// </summary>
public class LoadTestHost : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thywill-load-").FullName;
    private readonly bool _benchFeatures;
    private HostFactory? _factory;

    /// <summary>A host with the operator endpoint and the bench application on.</summary>
    public LoadTestHost()
        : this(benchFeatures: true)
    {
    }

    /// <summary>A host with the operator endpoint and the bench application on or off.</summary>
    protected LoadTestHost(bool benchFeatures) => _benchFeatures = benchFeatures;

    /// <summary>The host's services (to push from the server side in a test).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Load-client settings for this host.</summary>
    public ConnectionSettings Settings { get; private set; } = default!;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        _factory = new HostFactory(_folder, _benchFeatures);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Settings = new ConnectionSettings(new Uri(address)) { ConnectTimeout = TimeSpan.FromSeconds(20) };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Settings.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file can still be open for a moment; the temp folder is the OS's to clean.
        }
    }

    private sealed class HostFactory(string folder, bool benchFeatures) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Thywill:Database:ConnectionString", "Data Source=" + Path.Combine(folder, "thywill.db"));
            builder.UseSetting("Logging:Folder", Path.Combine(folder, "logs"));
            builder.UseSetting("Thywill:Bench:Enabled", benchFeatures ? "true" : "false");
            builder.UseSetting("Thywill:Operator:Enabled", benchFeatures ? "true" : "false");
        }
    }
}
