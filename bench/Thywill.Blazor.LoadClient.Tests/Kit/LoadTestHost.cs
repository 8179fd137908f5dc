using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.LoadClient.Tests.Kit;

/// <summary>
/// The real Host (its Program) through the shared test kit (<see cref="ThywillTestHost"/>: a free
/// 127.0.0.1 port, database and logs in a temp folder), shared by the tests of a class; plus the load
/// client's settings pointed at it.
/// </summary>
public class LoadTestHost : IAsyncLifetime
{
    private readonly bool _benchFeatures;
    private ThywillTestHost? _host;

    /// <summary>A host with the operator endpoint and the bench application on.</summary>
    public LoadTestHost()
        : this(benchFeatures: true)
    {
    }

    /// <summary>A host with the operator endpoint and the bench application on or off.</summary>
    protected LoadTestHost(bool benchFeatures) => _benchFeatures = benchFeatures;

    /// <summary>The host's services (to push from the server side in a test).</summary>
    public IServiceProvider Services => _host!.Services;

    /// <summary>Load-client settings for this host.</summary>
    public ConnectionSettings Settings { get; private set; } = default!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var enabled = _benchFeatures ? "true" : "false";
        _host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>
        {
            ["Thywill:Bench:Enabled"] = enabled,
        });
        Settings = new ConnectionSettings(new Uri(_host.BaseAddress.ToString().TrimEnd('/'))) { ConnectTimeout = TimeSpan.FromSeconds(20) };
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Settings.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
