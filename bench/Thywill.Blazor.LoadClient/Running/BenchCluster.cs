using System.Data.Common;
using System.Globalization;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Servers;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.LoadClient.Running;

/// <summary>
/// The servers of one benchmark run: one process, or several nodes sharing a throwaway
/// <c>redis-server</c> — Thywill on the Redis engine with a fresh database on the PostgreSQL server
/// in <c>THYWILL_TEST_POSTGRES</c>, SignalR with its official Redis backplane.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly TestRedisServer? _redis;

    private BenchCluster(IReadOnlyList<ServerProcess> servers, IReadOnlyList<ConnectionSettings> settings, TestRedisServer? redis)
    {
        Servers = servers;
        Settings = settings;
        _redis = redis;
    }

    /// <summary>The nodes, the driver's first.</summary>
    public IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>Each node's connection settings.</summary>
    public IReadOnlyList<ConnectionSettings> Settings { get; }

    /// <summary>CPU seconds used by every node so far.</summary>
    public double CpuSeconds => Servers.Sum(s => s.ReadProcess().CpuSeconds);

    /// <summary>Resident memory of every node.</summary>
    public long RssBytes => Servers.Sum(s => s.ReadProcess().RssBytes);

    public static async Task<BenchCluster> StartAsync(BenchContext context, ServerKind kind, int nodes, string label)
    {
        if (nodes == 1)
        {
            var single = await context.StartServerAsync(kind, label);
            return new BenchCluster([single], [context.Connect(single.Address)], null);
        }

        var redis = await TestRedisServer.StartAsync(context.Deadline);
        var servers = new List<ServerProcess>();
        try
        {
            var settings = kind == ServerKind.Thywill ? ThywillSettings(redis) : new Dictionary<string, string> { ["Bench:Redis"] = redis.Configuration };
            for (var i = 0; i < nodes; i++)
            {
                // One after the other: the first Thywill node migrates the shared database.
                servers.Add(await context.StartServerAsync(kind, $"{label}-node{i.ToString(CultureInfo.InvariantCulture)}", settings));
            }

            return new BenchCluster(servers, servers.Select(s => context.Connect(s.Address)).ToArray(), redis);
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The operations the nodes have sent to Redis so far: for Thywill what each node counts itself
    /// (its script calls, not the commands a script runs inside Redis); for a server that runs no
    /// scripts (SignalR's backplane) what Redis ran. <see langword="null"/> without Redis.
    /// </summary>
    public async Task<long?> RedisOperationsSentAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return null;
        }

        var sent = 0L;
        foreach (var server in Servers)
        {
            if (await server.ReadRedisOperationsAsync(http, cancellationToken) is not { } operations)
            {
                return await RedisCommandsAsync();
            }

            sent += operations;
        }

        return sent;
    }

    /// <summary>
    /// Commands Redis has run so far (all kinds, from <c>INFO commandstats</c>, which counts the
    /// commands a script runs too), or <see langword="null"/> without Redis.
    /// </summary>
    public async Task<long?> RedisCommandsAsync()
    {
        if (_redis is null)
        {
            return null;
        }

        var total = 0L;
        foreach (var line in (await _redis.CommandAsync("INFO", "commandstats")).Split('\n'))
        {
            // cmdstat_evalsha:calls=8110,usec=…; INFO itself is left out.
            if (line.StartsWith("cmdstat_", StringComparison.Ordinal) && !line.StartsWith("cmdstat_info:", StringComparison.Ordinal))
            {
                var calls = line[(line.IndexOf("calls=", StringComparison.Ordinal) + 6)..];
                total += long.Parse(calls[..calls.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var settings in Settings)
        {
            settings.Dispose();
        }

        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private static Dictionary<string, string> ThywillSettings(TestRedisServer redis)
    {
        var server = Environment.GetEnvironmentVariable("THYWILL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("Thywill on several nodes needs a shared PostgreSQL: THYWILL_TEST_POSTGRES is not set (bench/run.sh starts one).");
        }

        var database = new DbConnectionStringBuilder { ConnectionString = server };
        database["Database"] = "thywill_bench_" + Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string>
        {
            ["Thywill:Engine:Provider"] = "Redis",
            ["Thywill:Engine:Redis:Configuration"] = redis.Configuration,
            ["Thywill:Database:Provider"] = "PostgreSql",
            ["Thywill:Database:ConnectionString"] = database.ConnectionString,
        };
    }
}
