using Microsoft.Extensions.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// Builds the application catalog when the host starts, before any hosted service or the server:
/// a configuration error in <c>Thywill:Applications</c> stops the start naming the key, as the
/// options' own validation does, instead of failing the first request.
/// </summary>
/// <remarks>
/// Taking the catalog is the whole work: the host makes every hosted service, and so builds the
/// catalog, after validating the options and before it starts any of them.
/// </remarks>
internal sealed class ApplicationCatalogStartup(IApplicationCatalog catalog) : IHostedService
{
    /// <summary>The catalog, built when this service was made.</summary>
    public IApplicationCatalog Catalog { get; } = catalog;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
