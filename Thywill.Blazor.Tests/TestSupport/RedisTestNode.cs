using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine.Redis;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>One node of the Redis engine in tests: its broker, presence store, membership store and node list on one connection.</summary>
internal sealed class RedisTestNode : TestEngine
{
    public RedisTestNode(RedisCalls redis, ChannelRules rules)
        : this(redis, new RedisBroker(redis, NullLogger<RedisBroker>.Instance), rules)
    {
    }

    private RedisTestNode(RedisCalls redis, RedisBroker broker, ChannelRules rules)
        : this(redis, broker, new RedisPresenceStore(redis, broker), rules)
    {
    }

    private RedisTestNode(RedisCalls redis, RedisBroker broker, RedisPresenceStore presence, ChannelRules rules)
        : base(broker, presence, new RedisMembershipStore(redis), rules)
    {
        Calls = redis;
        RedisBroker = broker;
        RedisPresence = presence;
        Nodes = new RedisNodes(redis);
    }

    public RedisCalls Calls { get; }

    /// <summary>The node's parts as a service provider, for what resolves them (checks, health).</summary>
    public IServiceProvider Services => new ServiceCollection()
        .AddSingleton(Calls)
        .AddSingleton(RedisBroker)
        .AddSingleton(RedisPresence)
        .AddSingleton(Nodes)
        .BuildServiceProvider();

    /// <summary>The engine's options as the node's checks and health check read them.</summary>
    public Microsoft.Extensions.Options.IOptions<EngineOptions> Options => Microsoft.Extensions.Options.Options.Create(new EngineOptions { Provider = EngineProvider.Redis, Redis = Calls.Options });

    public RedisBroker RedisBroker { get; }

    public RedisPresenceStore RedisPresence { get; }

    public RedisNodes Nodes { get; }

    public string NodeId => Nodes.NodeId;

    public long OperationsSent => Calls.OperationsSent;

    internal RedisHub Hub => RedisBroker.Hub;

    /// <summary>The node's periodic work, in the order <c>RedisEngineChecks</c> runs it.</summary>
    public async Task RunChecksAsync(CancellationToken cancellationToken, int clients = 0)
    {
        await RedisPresence.CheckAsync(cancellationToken);
        await RedisBroker.CheckAsync(cancellationToken);
        await Nodes.BeatAsync(clients);
    }

    public Task<IReadOnlyList<Thywill.Blazor.Hosting.NodeInfo>> ListNodesAsync(int ownClients, CancellationToken cancellationToken = default) =>
        Nodes.ListNodesAsync(ownClients, cancellationToken);
}
