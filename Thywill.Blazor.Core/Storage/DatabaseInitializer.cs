using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Storage;

/// <summary>Creates the SQLite data folder and applies pending migrations before the server takes requests.</summary>
internal sealed partial class DatabaseInitializer(
    IDbContextFactory<ThywillDbContext> contexts,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        if (!database.MigrateOnStartup)
        {
            return;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(database.ConnectionString, environment.ContentRootPath);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToArray();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers no longer wait for the writer, and a commit is one append
            // and one sync instead of a rollback journal's several. The setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        Log.Migrated(logger, database.Provider, pending.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Resolves a relative SQLite file against the content root and creates its folder.</summary>
    internal static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }

    private static void EnsureSqliteFolder(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(ResolveSqliteConnectionString(connectionString, contentRoot));
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Database ready on {Provider} ({Pending} migrations applied)")]
        public static partial void Migrated(ILogger logger, DatabaseProvider provider, int pending);
    }
}
