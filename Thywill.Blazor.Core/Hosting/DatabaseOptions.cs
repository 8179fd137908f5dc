namespace Thywill.Blazor.Hosting;

/// <summary>Options of the database component.</summary>
internal sealed class DatabaseOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Database";

    /// <summary>The EF Core provider.</summary>
    /// <value>Defaults to <see cref="DatabaseProvider.Sqlite"/>.</value>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The provider's connection string.</summary>
    /// <value>Defaults to a SQLite file <c>data/thywill.db</c> under the content root.</value>
    public string ConnectionString { get; set; } = "Data Source=data/thywill.db";

    /// <summary>Whether pending migrations are applied at start-up.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How long stored clients and sessions are kept after they were last seen, and archived channels
    /// that keep no publication after they were created.
    /// </summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the clean-up runs.</summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The supported database providers.</summary>
internal enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the zero-setup default).</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,

    /// <summary>PostgreSQL, through Npgsql.</summary>
    PostgreSql,
}
