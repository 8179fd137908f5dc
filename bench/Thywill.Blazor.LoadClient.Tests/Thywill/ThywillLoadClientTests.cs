using System.Text.Json;
using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Thywill;

public sealed class ThywillLoadClientTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SendAsync_ToEcho_ArrivesOnceAndMatches()
    {
        var sink = new RecordingSink();
        await using var client = new ThywillLoadClient(host.Settings, "echo", index: 0, sink);
        using var timeout = new CancellationTokenSource(Patience);

        await client.ConnectAsync(timeout.Token);
        var sent = new[] { "\"hello\"", "{\"n\":1,\"text\":\"ünïcødé ✓\"}", "[1,2,3]", "42" };
        foreach (var data in sent)
        {
            var outcome = await client.SendAsync(data, timeout.Token);
            Assert.True(outcome.Ok, outcome.Code + ": " + outcome.Message);
            Assert.False(string.IsNullOrEmpty(outcome.Id));
        }

        var received = await sink.WaitForAsync(0, sent.Length, Patience);
        await Task.Delay(300);

        Assert.Equal(sent.Select(Normalize), sink.For(0).Select(Normalize));
        Assert.Equal(sent.Length, client.Received);
        Assert.Equal(0, client.Repeats);
        Assert.Equal(0, client.Circuit.InteropErrors);
        Assert.True(client.IsConnected);
        Assert.NotNull(client.ClientId);
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
