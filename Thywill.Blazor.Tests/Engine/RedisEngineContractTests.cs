using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>
/// The engine contract on the Redis engine, against a real <c>redis-server</c> the tests start on a
/// free loopback port. Each engine gets a prefix of its own, so it starts holding no channels.
/// </summary>
public sealed class RedisEngineContractTests(RedisServerFixture redis) : EngineContractTests, IClassFixture<RedisServerFixture>
{
    private protected override TestEngine CreateEngine(TestOptions options) => redis.CreateEngine(options);
}
