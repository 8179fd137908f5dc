using System.Net;
using System.Text.Json;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// <c>/operator/metrics</c> answers signed-in operators and the peers of
/// <c>Thywill:Operator:MetricsNetworks</c>; loopback alone is not trusted (a proxy on the same machine
/// makes every request loopback). Real Kestrel, so the peer's address is real.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OperatorMetricsTests
{
    [Fact]
    public async Task Metrics_LoopbackPeerNotListed_Is404()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Operator:Enabled"] = "true" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("operator/metrics?gc=false", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_PeerInMetricsNetworks_AnswersTheCounters()
    {
        await using var host = await StartAsync(metricsNetwork: "127.0.0.0/8");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("operator/metrics", UriKind.Relative)));

        Assert.True(metrics.RootElement.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.True(metrics.RootElement.GetProperty("gen2Collections").GetInt32() > 0);
    }

    [Fact]
    public async Task Metrics_PeerOutsideTheListedNetworks_Is404()
    {
        await using var host = await StartAsync(metricsNetwork: "10.0.0.0/8");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("operator/metrics?gc=false", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<ThywillTestHost> StartAsync(string metricsNetwork) =>
        ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>
        {
            ["Thywill:Operator:Enabled"] = "true",
            ["Thywill:Operator:MetricsNetworks:0"] = metricsNetwork,
        });
}
