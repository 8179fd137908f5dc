using Microsoft.EntityFrameworkCore;

namespace Thywill.Blazor.Storage;

/// <summary>The model on SQL Server; its migrations are under <c>Storage/Migrations/SqlServer</c>.</summary>
internal sealed class SqlServerThywillDbContext(DbContextOptions<SqlServerThywillDbContext> options) : ThywillDbContext(options);
