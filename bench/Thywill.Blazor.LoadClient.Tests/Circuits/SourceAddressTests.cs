using System.Net;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Circuits;

/// <summary>Past ~28,000 connections one source address runs out of ports: clients take turns over several.</summary>
public sealed class SourceAddressTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    [Fact]
    public async Task Clients_WithTwoSourceAddresses_ConnectFromBothAndWork()
    {
        IPAddress[] sources = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        using var settings = new ConnectionSettings(host.Settings.BaseAddress) { SourceAddresses = sources, ConnectTimeout = TimeSpan.FromSeconds(20) };
        var sink = new RecordingSink();
        var clients = Enumerable.Range(0, 4).Select(i => new ThywillLoadClient(settings, "echo", i, sink)).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            foreach (var client in clients)
            {
                await client.ConnectAsync(timeout.Token);
                var outcome = await client.SendAsync($"{client.Index}", timeout.Token);
                Assert.True(outcome.Ok, outcome.Code + ": " + outcome.Message);
            }

            foreach (var client in clients)
            {
                Assert.Equal([$"{client.Index}"], await sink.WaitForAsync(client.Index, 1, TimeSpan.FromSeconds(15)));
                Assert.True(client.IsConnected);
            }

            // Pages, negotiation and WebSockets all went out from the two addresses, and from nothing else.
            var used = settings.SourcesUsed;
            Assert.Equal(["127.0.0.2", "127.0.0.3"], used.Keys.Select(a => a.ToString()).Order(StringComparer.Ordinal));
            Assert.All(used.Values, count => Assert.True(count >= 2, $"each address carried at least two connections: {string.Join(", ", used)}"));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public void LoopbackSources_Three_AreTheFirstThreeLoopbackAddresses()
    {
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], ConnectionSettings.LoopbackSources(3).Select(a => a.ToString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionSettings.LoopbackSources(0));
    }
}
