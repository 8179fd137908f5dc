using Npgsql;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A fresh database on the real PostgreSQL server that <c>./test.sh</c> starts (connection string in
/// <c>THYWILL_TEST_POSTGRES</c>), named <c>thywill_test_…</c> and dropped on dispose.
/// </summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    /// <summary>The environment variable holding the server's connection string.</summary>
    public const string ServerVariable = "THYWILL_TEST_POSTGRES";

    private readonly string _database = "thywill_test_" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    internal override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <inheritdoc />
    public override string ConnectionString
    {
        get
        {
            var server = Environment.GetEnvironmentVariable(ServerVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                // Not a skip: a run that silently leaves out the PostgreSQL tests would look green.
                throw new InvalidOperationException(
                    $"{ServerVariable} is not set, so the PostgreSQL tests have no server. Run ./test.sh, which starts a " +
                    $"throwaway PostgreSQL on 127.0.0.1 and sets it, or set {ServerVariable} to a connection string " +
                    "whose role may create databases.");
            }

            return new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        }
    }
}
