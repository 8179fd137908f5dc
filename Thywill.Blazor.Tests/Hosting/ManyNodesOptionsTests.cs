using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// The settings of many nodes: the Redis engine needs a server and a shared database, keeps the key
/// ring in Redis unless told otherwise, and a Production node never signs with keys of its own.
/// Two nodes on one Redis read each other's protected data, and a restarted node still does.
/// </summary>
public sealed class ManyNodesOptionsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task RedisEngine_WithTheDefaultSqliteDatabase_IsRefusedNamingBothKeys()
    {
        await using var services = TestServices.Build([Engine("Redis"), new("Thywill:Engine:Redis:Configuration", redis.Server.Configuration)]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Thywill:Engine:Provider is Redis", error.Message, StringComparison.Ordinal);
        Assert.Contains("Thywill:Database:Provider is Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thywill:Engine:Redis:Configuration", "", "Thywill:Engine:Redis:Configuration is not set")]
    [InlineData("Thywill:Engine:Redis:Prefix", "a:b", "Thywill:Engine:Redis:Prefix is 'a:b'")]
    [InlineData("Thywill:Engine:Redis:PresenceTtl", "00:00:01", "Thywill:Engine:Redis:PresenceTtl is 00:00:01")]
    public async Task RedisEngine_BadRedisSettings_AreRefusedNamingTheKey(string key, string value, string expected)
    {
        var settings = RedisNode().ToDictionary(s => s.Key, s => s.Value);
        settings[key] = value;
        await using var services = TestServices.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisEngine_OnPostgreSql_PassesAndKeepsTheKeyRingInRedis()
    {
        await using var services = TestServices.Build(RedisNode());

        services.GetRequiredService<IStartupValidator>().Validate();

        var keys = services.GetRequiredService<IOptions<KeyOptions>>().Value;
        Assert.Equal(KeyStore.Redis, keys.StoreFor(services.GetRequiredService<IOptions<EngineOptions>>().Value));
    }

    [Fact]
    public async Task InMemoryEngine_KeyRingInRedis_IsRefusedNamingBothKeys()
    {
        await using var services = TestServices.Build("Thywill:Keys:Store", "Redis");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Thywill:Keys:Store is Redis, but Thywill:Engine:Provider is InMemory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task RedisEngine_EphemeralKeyRing_IsRefusedInProductionOnly(string environment, bool refused)
    {
        await using var services = TestServices.Build(
            [.. RedisNode(), new("Thywill:Keys:Store", "Ephemeral")],
            s => s.AddSingleton<IHostEnvironment>(new TestHostEnvironment(Path.GetTempPath()) { EnvironmentName = environment }));

        var validate = () => services.GetRequiredService<IStartupValidator>().Validate();

        if (refused)
        {
            Assert.Contains("Thywill:Keys:Store is Ephemeral on the Redis engine in Production", Assert.Throws<OptionsValidationException>(validate).Message, StringComparison.Ordinal);
        }
        else
        {
            validate();
        }
    }

    [Fact]
    public async Task TwoNodesOnOneRedis_ReadEachOthersProtectedData_AlsoAfterARestart()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        string secret;
        await using (var first = KeyNode(prefix))
        {
            await using var second = KeyNode(prefix);
            secret = Protector(first).Protect("from the first node");
            Assert.Equal("from the first node", Protector(second).Unprotect(secret));
        }

        // Every node gone; a new one (a restart) reads the ring from Redis.
        await using var restarted = KeyNode(prefix);
        Assert.Equal("from the first node", Protector(restarted).Unprotect(secret));
        Assert.Contains(prefix + ":keys", await redis.Server.CommandAsync("KEYS", prefix + ":*"), StringComparison.Ordinal);
    }

    private ServiceProvider KeyNode(string prefix) => TestServices.Build(
        [.. RedisNode(), new("Thywill:Engine:Redis:Prefix", prefix)],
        // The framework's ring, not the test services' ephemeral one.
        services => services.Remove(services.Last(d => d.ServiceType == typeof(IDataProtectionProvider) && d.ImplementationInstance is EphemeralDataProtectionProvider)));

    private static IDataProtector Protector(IServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector("Thywill.Blazor.Tests.ManyNodes");

    private KeyValuePair<string, string?>[] RedisNode() =>
    [
        Engine("Redis"),
        new("Thywill:Engine:Redis:Configuration", redis.Server.Configuration),
        new("Thywill:Database:Provider", "PostgreSql"),
        new("Thywill:Database:ConnectionString", "Host=127.0.0.1;Database=unused"),
    ];

    private static KeyValuePair<string, string?> Engine(string provider) => new("Thywill:Engine:Provider", provider);
}
