using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Thywill.Blazor.Testing;

/// <summary>
/// One host shared by the tests of a class (<c>IClassFixture&lt;ThywillHostFixture&lt;Program&gt;&gt;</c>):
/// your host's <typeparamref name="TEntryPoint"/> started on a free loopback port with its own
/// temporary database, stopped after the class's last test. Derive from it to change
/// <see cref="Settings"/> or <see cref="ConfigureServices"/>.
/// </summary>
/// <typeparam name="TEntryPoint">A type of the host's assembly, usually its <c>Program</c>.</typeparam>
public class ThywillHostFixture<TEntryPoint> : IAsyncLifetime
    where TEntryPoint : class
{
    private ThywillTestHost? _host;

    /// <summary>The host, once the fixture has started it.</summary>
    /// <exception cref="InvalidOperationException">Used before xunit initialized the fixture.</exception>
    public ThywillTestHost Host => _host ?? throw new InvalidOperationException("The host starts when xunit initializes the fixture; use it from a test.");

    /// <summary>
    /// Configuration keys over the host's own (<c>Thywill:Applications:poll:Channels:0:HistorySize</c>
    /// → <c>"10"</c>); see <see cref="ThywillTestHost.StartAsync{TEntryPoint}"/>.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Adds to or replaces the host's services before it starts (the last registration wins).</summary>
    /// <param name="services">The host's services.</param>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _host = await ThywillTestHost.StartAsync<TEntryPoint>(Settings, ConfigureServices);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
