using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Cluster;

/// <summary>Two nodes on Redis behind nginx, shared by the tests that leave the cluster as they found it.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Settings of the cluster's nodes in these tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Thywill:Channels:PresenceGracePeriod"] = "00:00:01",
        ["Thywill:RateLimits:Publish:Burst"] = "1000",
    };

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; private set; } = default!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(2, Settings);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
