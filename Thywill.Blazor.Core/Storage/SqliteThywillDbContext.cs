using Microsoft.EntityFrameworkCore;

namespace Thywill.Blazor.Storage;

/// <summary>The model on SQLite; its migrations are under <c>Storage/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteThywillDbContext(DbContextOptions<SqliteThywillDbContext> options) : ThywillDbContext(options);
