using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> on real Kestrel: ready while the database answers and
/// the node is not draining; a draining node also refuses new page loads, and its drain keeps it
/// serving for <c>Thywill:Drain:Delay</c>. Strangers get the status word only.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HealthTests
{
    [Fact]
    public async Task Live_AndReady_OnAHealthyNode_Answer200_WithTheStatusWordOnly()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var live = await http.GetAsync("health/live");
        var ready = await http.GetAsync("health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Ready_DatabaseUnreachable_Is503_WhileLiveStays200()
    {
        // A PostgreSQL nobody listens on (port 1), not migrated at start: the node runs, but cannot record anyone.
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>
        {
            ["Thywill:Database:Provider"] = "PostgreSql",
            ["Thywill:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=2",
            ["Thywill:Database:MigrateOnStartup"] = "false",
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var ready = await http.GetAsync("health/ready");
        var live = await http.GetAsync("health/live");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Stopping_DrainsForTheDelay_NotReady_RefusingNewPageLoads_ThenStops()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Drain:Delay"] = "00:00:03" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("thywill/init/echo")).StatusCode);

        // What SIGTERM does: the host stops; while it drains it still serves.
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.StopApplication();
        await WaitUntilAsync(() => host.Services.GetRequiredService<NodeDrain>().IsDraining);

        var ready = await http.GetAsync("health/ready");
        var page = await http.GetAsync("thywill/init/echo");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("1", page.Headers.RetryAfter?.ToString());
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
