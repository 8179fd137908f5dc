using StackExchange.Redis;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The nodes sharing one Redis: each beats every <c>Thywill:Engine:Redis:CheckInterval</c> (a
/// sorted set of node id → last beat, and a hash per node with its machine, clients and start), so
/// the dashboard and the display app can show who is up; a node silent for a day leaves the list.
/// </summary>
internal sealed class RedisNodes(RedisCalls redis)
{
    private const long DayMs = 24 * 60 * 60 * 1000;

    private readonly long _started = redis.Now;

    /// <summary>This node's id in the node list.</summary>
    public string NodeId { get; } = IdGenerator.NewId()[..12];

    private RedisKeys Keys => redis.Keys;

    /// <summary>Writes this node's heartbeat.</summary>
    /// <param name="clients">This node's connected clients.</param>
    public Task BeatAsync(int clients) => redis.RunAsync(database =>
    {
        var now = redis.Now;
        var transaction = database.CreateTransaction();
        _ = transaction.SortedSetAddAsync(Keys.Nodes, NodeId, now);
        _ = transaction.HashSetAsync(Keys.Node(NodeId), [new("machine", Environment.MachineName), new("clients", clients), new("started", _started)]);
        _ = transaction.KeyExpireAsync(Keys.Node(NodeId), TimeSpan.FromMilliseconds(DayMs));

        // Nodes gone for a day leave the list for good.
        _ = transaction.SortedSetRemoveRangeByScoreAsync(Keys.Nodes, double.NegativeInfinity, now - DayMs);
        return transaction.ExecuteAsync();
    }, "heartbeat");

    /// <summary>
    /// The nodes Redis has heard from within a day, this one first: up while their heartbeat is
    /// within <c>Thywill:Engine:Redis:NodeTtl</c>.
    /// </summary>
    /// <param name="ownClients">This node's connected clients (its own entry may be a beat old).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<NodeInfo>> ListNodesAsync(int ownClients, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var database = (await redis.Connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var now = redis.Now;
        var nodes = await redis.Guard(() => database.SortedSetRangeByScoreWithScoresAsync(Keys.Nodes, now - DayMs, double.PositiveInfinity, take: 1_000), "nodes").ConfigureAwait(false);
        var described = await Task.WhenAll(nodes.Select(n => redis.Guard(() => database.HashGetAsync(Keys.Node((string)n.Element!), [(RedisValue)"machine", (RedisValue)"clients", (RedisValue)"started"]), "nodes"))).ConfigureAwait(false);
        var upSince = now - RedisCalls.Milliseconds(redis.Options.NodeTtl);
        var listed = nodes.Zip(described, (node, fields) =>
        {
            var id = (string)node.Element!;
            var self = id == NodeId;
            return new NodeInfo(
                id,
                fields[0].IsNull ? "" : (string)fields[0]!,
                self ? ownClients : fields[1].IsNull ? 0 : (int)fields[1],
                fields[2].IsNull ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]),
                DateTimeOffset.FromUnixTimeMilliseconds((long)node.Score),
                self || node.Score >= upSince,
                self);
        });
        return listed.OrderByDescending(n => n.IsThisNode).ThenBy(n => n.Id, StringComparer.Ordinal).ToArray();
    }
}
