using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Servers;
using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Servers;

/// <summary>
/// What the benchmarks read of a node comes from its Prometheus scrape, with full collections induced
/// from outside: the node has no endpoint of its own for them.
/// </summary>
public sealed class ServerMetricsTests
{
    [Fact]
    public async Task ReadMetricsAsync_WithClientsConnected_CountsThemAndInducesTwoFullCollections()
    {
        var log = Path.Combine(Path.GetTempPath(), $"thywill-metrics-test-{Guid.NewGuid():N}.log");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await OwnServer.StartAsync(log, settings: null, timeout.Token);
        using var settings = new ConnectionSettings(server.Address) { ConnectTimeout = TimeSpan.FromSeconds(20) };

        var idle = (await server.ReadMetricsAsync(settings.Http, forceGc: false, timeout.Token))!;
        var clients = new[] { new ThywillLoadClient(settings, "echo", 0, sink: null), new ThywillLoadClient(settings, "echo", 1, sink: null) };
        ServerMetrics busy;
        try
        {
            foreach (var client in clients)
            {
                await client.ConnectAsync(timeout.Token);
            }

            busy = (await server.ReadMetricsAsync(settings.Http, forceGc: true, timeout.Token))!;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        Assert.Equal(0, idle.Clients);
        Assert.Equal(2, busy.Clients);
        Assert.True(busy.Gen2Collections >= idle.Gen2Collections + 2, $"gen2 {idle.Gen2Collections} → {busy.Gen2Collections}");
        Assert.InRange(busy.ManagedHeapBytes, 1, busy.RssBytes);
        Assert.True(busy.AllocatedBytes > idle.AllocatedBytes);
        Assert.True(busy.CpuSeconds > 0);
        File.Delete(log);
    }

    [Fact]
    public async Task ReadMetricsAsync_OfABaseline_IsNull()
    {
        // The baselines have no Thywill metrics; the reports say "n/a" for them.
        var log = Path.Combine(Path.GetTempPath(), $"thywill-metrics-test-{Guid.NewGuid():N}.log");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await OwnServer.StartAsync(ServerKind.SignalR, log, settings: null, timeout.Token);
        using var http = new HttpClient();

        Assert.Null(await server.ReadMetricsAsync(http, forceGc: true, timeout.Token));
        File.Delete(log);
    }
}
