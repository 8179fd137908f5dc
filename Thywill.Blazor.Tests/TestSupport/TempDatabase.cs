using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A SQLite database file in a temp folder, wired by <c>AddThywill</c> and migrated with the shipped
/// migrations; the folder goes on dispose.
/// </summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly ServiceProvider _services;

    private TempDatabase(TempDirectory folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
    }

    public string FilePath => Path.Combine(_folder.Path, "thywill.db");

    public IThywillStore Store => _services.GetRequiredService<IThywillStore>();

    public IChannelArchive Archive => _services.GetRequiredService<IChannelArchive>();

    public IDbContextFactory<ThywillDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<ThywillDbContext>>();

    /// <summary>Creates and migrates the database; the framework reads the time from <paramref name="time"/>.</summary>
    public static async Task<TempDatabase> CreateAsync(TimeProvider time)
    {
        var folder = new TempDirectory();
        var services = TestServices.Build(
            [new("Thywill:Database:ConnectionString", folder.SqliteConnectionString)],
            s => s.AddSingleton(time));
        var database = new TempDatabase(folder, services);
        try
        {
            await using var context = await database.Contexts.CreateDbContextAsync();
            await context.Database.MigrateAsync();
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }
}
