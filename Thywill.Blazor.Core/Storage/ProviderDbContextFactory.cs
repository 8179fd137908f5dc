using Microsoft.EntityFrameworkCore;

namespace Thywill.Blazor.Storage;

/// <summary>Serves the provider's derived context wherever the framework asks for the base one.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ThywillDbContext>
    where TContext : ThywillDbContext
{
    public ThywillDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ThywillDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
