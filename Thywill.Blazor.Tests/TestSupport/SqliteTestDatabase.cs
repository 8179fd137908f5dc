using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A SQLite database file in a temp folder; the folder goes on dispose.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly TempDirectory _folder = new();

    /// <inheritdoc />
    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    public override string ConnectionString => _folder.SqliteConnectionString;

    /// <summary>The database file.</summary>
    public string FilePath => Path.Combine(_folder.Path, "thywill.db");

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
