using System.Net;
using Thywill.Blazor.Host.Telemetry;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// <c>/metrics</c>, the Prometheus scrape: open to the peers of <c>Thywill:Metrics:AllowedNetworks</c>
/// (loopback when not set), 404 to anyone else; a bad network is refused naming the key.
/// Real Kestrel, so the peer's address is real.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_FromLoopbackByDefault_AnswersThywillsAndDotNetsInstruments()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        (await http.GetAsync(new Uri("health/live", UriKind.Relative))).Dispose();

        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("thywill_channels{", text, StringComparison.Ordinal);
        Assert.Contains("thywill_application=\"echo\"", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PeerOutsideTheAllowedNetworks_Is404()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Metrics:AllowedNetworks:0"] = "10.0.0.0/8" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("thywill_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllowedNetworkNotANetwork_FailsNamingTheKey()
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", "everyone"] });

        Assert.True(result.Failed);
        Assert.Contains("Thywill:Metrics:AllowedNetworks:1 is 'everyone'", result.FailureMessage, StringComparison.Ordinal);
    }
}
