using Microsoft.Extensions.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// Builds the application catalog when the host starts, before any hosted service or the server:
/// a configuration error in <c>Thywill:Applications</c> stops the start naming the key, as the
/// options' own validation does, instead of failing the first request.
/// </summary>
/// <remarks>
/// Taking the catalog is the whole work: the host resolves its hosted services, and so builds the
/// catalog, after validating the options and before starting anything.
/// </remarks>
internal sealed class ApplicationCatalogStartup(IApplicationCatalog catalog) : IHostedLifecycleService
{
    public IApplicationCatalog Catalog { get; } = catalog;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
