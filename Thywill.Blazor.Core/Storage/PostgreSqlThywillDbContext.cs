using Microsoft.EntityFrameworkCore;

namespace Thywill.Blazor.Storage;

/// <summary>The model on PostgreSQL (Npgsql); its migrations are under <c>Storage/Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlThywillDbContext(DbContextOptions<PostgreSqlThywillDbContext> options) : ThywillDbContext(options);
