using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// Configures Data Protection from <c>Thywill:Keys</c>: a fixed application name (so the ring does
/// not depend on the content root's path) and a repository that survives restarts.
/// </summary>
internal static class KeyRing
{
    public static void Register(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(KeyOptions.ApplicationName);

        // The database store's repository asks a scope for the context; the pooled factory serves it.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContext());
        services.TryAddSingleton<RedisConnection>();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KeyOptions>, IOptions<DatabaseOptions>, IHostEnvironment, ILoggerFactory, IServiceProvider>(
            (management, keys, database, environment, loggers, provider) => management.XmlRepository = keys.Value.StoreFor(provider.GetRequiredService<IOptions<EngineOptions>>().Value) switch
            {
                KeyStore.Ephemeral => new MemoryXmlRepository(),
                KeyStore.Database => new EntityFrameworkCoreXmlRepository<ThywillDbContext>(provider, loggers),
                KeyStore.Redis => RedisRepository(provider.GetRequiredService<RedisConnection>()),
                _ => new FileSystemXmlRepository(
                    System.IO.Directory.CreateDirectory(ResolveDirectory(keys.Value, database.Value, environment.ContentRootPath)),
                    loggers),
            });
        services.AddHostedService<KeyRingStartupCheck>();
    }

    // Data Protection reads and writes its ring synchronously; the shared connection is made once.
    private static RedisXmlRepository RedisRepository(RedisConnection connection) =>
        new(() => connection.GetAsync().GetAwaiter().GetResult().GetDatabase(), connection.Prefix + ":keys");

    /// <summary>The folder of the key files: configured, else a <c>keys</c> folder in the data folder.</summary>
    public static string ResolveDirectory(KeyOptions keys, DatabaseOptions database, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(keys.Directory))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, keys.Directory));
        }

        // The data folder is where the SQLite file lives; a host that moved its database moved its data.
        if (database.Provider == DatabaseProvider.Sqlite && TrySqliteFolder(database.ConnectionString, contentRoot) is { } folder)
        {
            return Path.Combine(folder, "keys");
        }

        return Path.Combine(contentRoot, "data", "keys");
    }

    private static string? TrySqliteFolder(string connectionString, string contentRoot)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(DatabaseInitializer.ResolveSqliteConnectionString(connectionString, contentRoot)).DataSource;
            return Path.IsPathRooted(source) ? Path.GetDirectoryName(source) : null;
        }
        catch (ArgumentException)
        {
            // A malformed connection string is the database validator's to report.
            return null;
        }
    }
}
