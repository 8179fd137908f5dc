using System.Data.Common;
using Microsoft.Playwright;

namespace Thywill.Blazor.Testing;

/// <summary>
/// Several nodes of the published Host on the Redis engine — one throwaway <c>redis-server</c>, one
/// fresh PostgreSQL database on the server <c>./test.sh</c> starts (<c>THYWILL_TEST_POSTGRES</c>), a
/// shared key ring — behind nginx with the shipped configuration. Everything listens on 127.0.0.1.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string _folder;

    private TestCluster(string folder, TestRedisServer redis, IReadOnlyList<HostProcess> nodes, NginxBalancer balancer)
    {
        _folder = folder;
        Redis = redis;
        Nodes = nodes;
        Balancer = balancer;
    }

    /// <summary>The Redis server.</summary>
    public TestRedisServer Redis { get; }

    /// <summary>The nodes, in start order.</summary>
    public IReadOnlyList<HostProcess> Nodes { get; }

    /// <summary>The balancer in front of them.</summary>
    public NginxBalancer Balancer { get; }

    /// <summary>What every node and the balancer printed: for failure messages.</summary>
    public string Output => string.Join("\n", Nodes.Select((n, i) => $"---- node {i} (:{n.Port})\n{n.Output}")) + "\n---- nginx\n" + Balancer.ErrorLog;

    /// <summary>Starts Redis, <paramref name="nodes"/> nodes (one after the other: the first migrates the database) and nginx.</summary>
    /// <param name="nodes">How many nodes.</param>
    /// <param name="settings">Further settings for every node, as configuration keys (<c>Thywill:Channels:…</c>).</param>
    public static async Task<TestCluster> StartAsync(int nodes, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var server = Environment.GetEnvironmentVariable("THYWILL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("THYWILL_TEST_POSTGRES is not set, so the cluster has no shared database. Run ./test.sh, which starts a throwaway PostgreSQL and sets it.");
        }

        var database = new DbConnectionStringBuilder { ConnectionString = server };
        database["Database"] = "thywill_cluster_" + Guid.NewGuid().ToString("N")[..12];
        var folder = Directory.CreateTempSubdirectory("thywill-cluster-").FullName;
        var redis = await TestRedisServer.StartAsync();
        var started = new List<HostProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Thywill__Engine__Provider"] = "Redis",
                    ["Thywill__Engine__Redis__Configuration"] = redis.Configuration,
                    ["Thywill__Engine__Redis__PresenceTtl"] = "00:00:04",
                    ["Thywill__Engine__Redis__CheckInterval"] = "00:00:01",
                    ["Thywill__Engine__SweepInterval"] = "00:00:02",
                    ["Thywill__Database__Provider"] = "PostgreSql",
                    ["Thywill__Database__ConnectionString"] = database.ConnectionString,
                    ["Thywill__Drain__Delay"] = "00:00:00",
                    ["Logging__Folder"] = Path.Combine(folder, "node" + i),
                };
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
                }

                started.Add(await HostProcess.StartAsync(environment));
            }

            var balancer = await NginxBalancer.StartAsync(started.Select(n => n.Port));
            return new TestCluster(folder, redis, started, balancer);
        }
        catch
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>An application's init page through the balancer, or on one node.</summary>
    public string AppUrl(string applicationId, int? node = null) =>
        new Uri(node is { } n ? Nodes[n].BaseAddress : Balancer.BaseAddress, "thywill/init/" + applicationId).ToString();

    /// <summary>
    /// Opens a page through the balancer and tells which node holds its circuit: the node that
    /// answered the circuit's negotiation (nginx names it in <c>X-Thywill-Node</c>), the latest one.
    /// </summary>
    public async Task<(ThywillPage Page, Func<int> Node)> OpenAsync(IBrowserContext context, string applicationId)
    {
        var node = -1;
        context.Response += (_, response) =>
        {
            if (response.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal) && response.Headers.TryGetValue("x-thywill-node", out var upstream))
            {
                // "a:1, b:2" after a failover; the upstream's name ("thywill") when no node answered.
                if (int.TryParse(upstream.Split(',')[^1].Trim().Split(':')[^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
                {
                    Volatile.Write(ref node, Nodes.Select(n => n.Port).ToList().IndexOf(port));
                }
            }
        };
        var page = await ThywillPage.OpenAsync(context, AppUrl(applicationId));
        return (page, () => Volatile.Read(ref node));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Balancer.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
