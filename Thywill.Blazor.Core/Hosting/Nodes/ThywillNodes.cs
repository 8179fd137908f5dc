using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.Redis;

namespace Thywill.Blazor.Hosting;

/// <summary>The node list: the Redis engine's heartbeats, or this node alone.</summary>
internal sealed class ThywillNodes(IThywillEngine engine, IClientDirectory clients, TimeProvider time) : IThywillNodes
{
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly string _id = IdGenerator.NewId()[..12];

    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (engine is RedisEngine redis)
        {
            return await redis.ListNodesAsync(clients.Count, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        return [new NodeInfo(_id, Environment.MachineName, clients.Count, _started, now, Up: true, IsThisNode: true)];
    }
}
