using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>The model and the shipped migrations of each provider.</summary>
public sealed class ThywillDbContextTests
{
    [Fact]
    public void SqlServerMigrations_Script_CreatesBothTablesAndTheCascadingForeignKey()
    {
        var script = MigrationScript(SqlServer());

        Assert.Contains("CREATE TABLE [Sessions]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Clients]", script, StringComparison.Ordinal);
        Assert.Contains(
            "CONSTRAINT [FK_Clients_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE CASCADE",
            script,
            StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServerMigrations_Script_StoresTimestampsAsTicks()
    {
        var script = MigrationScript(SqlServer());

        Assert.Contains("[FirstSeen] bigint NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[LastSeen] bigint NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteMigrations_Script_CreatesBothTablesAndTheCascadingForeignKey()
    {
        var script = MigrationScript(Sqlite());

        Assert.Contains("CREATE TABLE \"Sessions\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"Clients\"", script, StringComparison.Ordinal);
        Assert.Contains("REFERENCES \"Sessions\" (\"Id\") ON DELETE CASCADE", script, StringComparison.Ordinal);
    }

    [Fact]
    public void HasPendingModelChanges_SqlServer_False()
    {
        using var context = SqlServer();

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public void HasPendingModelChanges_Sqlite_False()
    {
        using var context = Sqlite();

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSqlMigrations_Script_CreatesEveryTableAndTheCascadingForeignKeys()
    {
        var script = MigrationScript(PostgreSql());

        Assert.Contains("CREATE TABLE \"Sessions\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"Clients\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"ArchivedChannels\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"ArchivedPublications\"", script, StringComparison.Ordinal);
        Assert.Contains(
            "CONSTRAINT \"FK_Clients_Sessions_SessionId\" FOREIGN KEY (\"SessionId\") REFERENCES \"Sessions\" (\"Id\") ON DELETE CASCADE",
            script,
            StringComparison.Ordinal);
        Assert.Contains(
            "FOREIGN KEY (\"ApplicationId\", \"Channel\") REFERENCES \"ArchivedChannels\" (\"ApplicationId\", \"Name\") ON DELETE CASCADE",
            script,
            StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSqlMigrations_Script_StoresTimestampsAsTicks()
    {
        var script = MigrationScript(PostgreSql());

        Assert.Contains("\"FirstSeen\" bigint NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("\"Timestamp\" bigint NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void HasPendingModelChanges_PostgreSql_False()
    {
        using var context = PostgreSql();

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.PostgreSql))]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryShippedMigration(string providerName)
    {
        var provider = Enum.Parse<DatabaseProvider>(providerName);
        await using var database = TestDatabase.Of(provider);
        await database.InitializeAsync();
        await using var services = database.BuildServices(TimeProvider.System);
        await using var context = await services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.PostgreSql))]
    public async Task MigrateAsync_FreshDatabase_DeletingASessionDeletesItsClients(string providerName)
    {
        var provider = Enum.Parse<DatabaseProvider>(providerName);
        await using var database = TestDatabase.Of(provider);
        await database.InitializeAsync();
        await using var services = database.BuildServices(TimeProvider.System);
        var store = services.GetRequiredService<IThywillStore>();
        await store.RecordConnectAsync(new ClientInfo("echo", "client-1", "session-1", UserId: null), CancellationToken.None);

        await using (var context = await services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync())
        {
            await context.Database.ExecuteSqlRawAsync("DELETE FROM \"Sessions\"");
        }

        Assert.Null(await store.FindClientAsync("client-1", CancellationToken.None));
    }

    /// <summary>The SQL the provider's shipped migrations run, generated without a database.</summary>
    private static string MigrationScript(ThywillDbContext context)
    {
        using (context)
        {
            return context.GetService<IMigrator>().GenerateScript();
        }
    }

    private static SqlServerThywillDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerThywillDbContext>().UseSqlServer("Server=none;Database=x;Trusted_Connection=True").Options);

    private static PostgreSqlThywillDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlThywillDbContext>().UseNpgsql("Host=none;Database=x").Options);

    private static SqliteThywillDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteThywillDbContext>().UseSqlite("Data Source=:memory:").Options);
}
