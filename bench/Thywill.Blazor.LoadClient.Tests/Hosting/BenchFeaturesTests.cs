using System.Net;
using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Hosting;

public sealed class BenchFeaturesTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    [Fact]
    public async Task BenchBroadcast_OneClientAsks_EveryClientReceivesEachMessageOnce()
    {
        var sink = new RecordingSink();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clients = Enumerable.Range(0, 3).Select(i => new ThywillLoadClient(host.Settings, "bench-broadcast", i, sink)).ToArray();
        try
        {
            foreach (var client in clients)
            {
                await client.ConnectAsync(timeout.Token);
            }

            var outcome = await clients[0].SendAsync("""{"seq":7,"count":2,"pad":3}""", timeout.Token);
            Assert.True(outcome.Ok, outcome.Message);

            foreach (var client in clients)
            {
                var received = await sink.WaitForAsync(client.Index, 2, TimeSpan.FromSeconds(15));
                Assert.Equal(["""{"seq":7,"pad":"xxx"}""", """{"seq":8,"pad":"xxx"}"""], received);
            }

            await Task.Delay(300);
            Assert.All(clients, c => Assert.Equal(2, c.Received));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}

public sealed class DefaultHostTests(PlainLoadTestHost host) : IClassFixture<PlainLoadTestHost>
{
    [Theory]
    [InlineData("thywill/init/bench-broadcast")]
    public async Task BenchFeatures_WhenNotConfigured_AreNotServed(string path)
    {
        using var response = await host.Settings.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
