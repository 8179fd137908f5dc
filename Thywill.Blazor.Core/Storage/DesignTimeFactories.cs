using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Thywill.Blazor.Storage;

// Used only by `dotnet ef migrations add`; no database is touched at design time.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteThywillDbContext>
{
    public SqliteThywillDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteThywillDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerThywillDbContext>
{
    public SqlServerThywillDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerThywillDbContext>().UseSqlServer("Server=design;Database=thywill;Trusted_Connection=True").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlThywillDbContext>
{
    public PostgreSqlThywillDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlThywillDbContext>().UseNpgsql("Host=design;Database=thywill").Options);
}
