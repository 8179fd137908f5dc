using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A real database of one provider, created and migrated the way a host does it (the framework's
/// <see cref="DatabaseInitializer"/>) and deleted on dispose. A test class shares one as its class
/// fixture; each test builds its own services over it with <see cref="BuildServices"/>. A test of its
/// own uses <c>await using</c> and <see cref="InitializeAsync"/>.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    private bool _created;

    /// <summary>The provider, as <c>Thywill:Database:Provider</c> names it.</summary>
    internal abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string, as <c>Thywill:Database:ConnectionString</c> takes it.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A database of <paramref name="provider"/>; call <see cref="InitializeAsync"/> before use.</summary>
    internal static TestDatabase Of(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.PostgreSql => new PostgreSqlTestDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No test server for this provider."),
    };

    /// <summary>The framework wired by <c>AddThywill</c> over this database; the framework reads the time from <paramref name="time"/>.</summary>
    public ServiceProvider BuildServices(TimeProvider time) => TestServices.Build(
        [
            new("Thywill:Database:Provider", Provider.ToString()),
            new("Thywill:Database:ConnectionString", ConnectionString),
        ],
        s => s.AddSingleton(time));

    /// <summary>Creates the database and applies the shipped migrations.</summary>
    public async Task InitializeAsync()
    {
        await using var services = BuildServices(TimeProvider.System);
        var initializer = services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        _created = true;
        await initializer.StartAsync(CancellationToken.None);
    }

    /// <summary>Deletes the database, if it got as far as being created.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_created)
        {
            await using var services = BuildServices(TimeProvider.System);
            await using var context = await services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();
            await context.Database.EnsureDeletedAsync();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
