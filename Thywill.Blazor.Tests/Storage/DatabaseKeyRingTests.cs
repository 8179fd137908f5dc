using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>
/// <c>Thywill:Keys:Store=Database</c>: nodes that share the database share the key ring, so what one
/// node signs (session cookies, resume tokens) another reads, on every provider.
/// </summary>
public abstract class DatabaseKeyRingTests<TDatabase>(TDatabase database) : DatabaseTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task TwoNodesOnOneDatabase_ReadEachOthersProtectedData_AndTheRingIsInTheTable()
    {
        await using var first = Node();
        await using var second = Node();
        await StartAsync(first);
        await StartAsync(second);

        var secret = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("from the first node");
        var read = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.Equal("from the first node", read);
        await using var context = await first.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await context.DataProtectionKeys.ToListAsync());
    }

    private ServiceProvider Node() => TestServices.Build(
        [
            new("Thywill:Database:Provider", Database.Provider.ToString()),
            new("Thywill:Database:ConnectionString", Database.ConnectionString),
            new("Thywill:Keys:Store", "Database"),
        ],
        // The framework's ring, not the test services' ephemeral one.
        services => services.Remove(services.Last(d => d.ServiceType == typeof(IDataProtectionProvider) && d.ImplementationInstance is EphemeralDataProtectionProvider)));

    // As the host would: the database initializer first, then Data Protection loads (or makes) the ring.
    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().Where(h => h is DatabaseInitializer || h.GetType().Namespace!.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)))
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}

public sealed class SqliteDatabaseKeyRingTests(SqliteTestDatabase database) : DatabaseKeyRingTests<SqliteTestDatabase>(database);

/// <summary>On the real PostgreSQL server that ./test.sh starts.</summary>
public sealed class PostgreSqlDatabaseKeyRingTests(PostgreSqlTestDatabase database) : DatabaseKeyRingTests<PostgreSqlTestDatabase>(database);
