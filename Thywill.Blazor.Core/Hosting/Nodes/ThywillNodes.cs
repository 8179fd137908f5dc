using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine.Redis;

namespace Thywill.Blazor.Hosting;

/// <summary>The node list: the Redis engine's heartbeats, or this node alone.</summary>
internal sealed class ThywillNodes(IServiceProvider services, IOptions<EngineOptions> engine, IClientDirectory clients, TimeProvider time) : IThywillNodes
{
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly string _id = IdGenerator.NewId()[..12];

    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (engine.Value.Provider == EngineProvider.Redis)
        {
            return await services.GetRequiredService<RedisNodes>().ListNodesAsync(clients.Count, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        return [new NodeInfo(_id, Environment.MachineName, clients.Count, _started, now, Up: true, IsThisNode: true)];
    }
}
