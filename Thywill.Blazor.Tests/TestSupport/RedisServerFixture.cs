using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Testing;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// A throwaway <c>redis-server</c> for one test class, and Redis engines on it: each with a prefix
/// of its own (so it starts empty), all disposed with the fixture.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly List<RedisConnection> _connections = [];

    /// <summary>The server.</summary>
    public TestRedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestRedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    /// <summary>Options of a Redis engine on this server with a fresh prefix (or <paramref name="prefix"/>: another node of the same cluster).</summary>
    internal EngineOptions EngineOptions(TestOptions options, string? prefix = null)
    {
        var engine = options.Engine;
        engine.Provider = EngineProvider.Redis;
        engine.Redis.Configuration = Server.Configuration;
        engine.Redis.Prefix = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12];
        return engine;
    }

    /// <summary>A Redis engine (one node) on this server.</summary>
    internal RedisTestNode CreateEngine(TestOptions options, string? prefix = null)
    {
        var engineOptions = Options.Create(EngineOptions(options, prefix));
        var connection = new RedisConnection(engineOptions, NullLogger<RedisConnection>.Instance);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return new RedisTestNode(new RedisCalls(connection, engineOptions, TimeProvider.System, NullLogger<RedisCalls>.Instance), options.Rules());
    }
}
