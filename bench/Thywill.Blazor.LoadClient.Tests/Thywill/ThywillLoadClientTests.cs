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

    [Fact]
    public async Task CallAsync_ToCalculations_AnswersTheResultOrANamedError()
    {
        await using var client = new ThywillLoadClient(host.Settings, "calculations", index: 0, sink: null);
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(timeout.Token);

        var added = await client.CallAsync("add", "[2,3.5]", timeout.Token);
        var factors = await client.CallAsync("factorize", "[360]", timeout.Token);
        var unknown = await client.CallAsync("noSuchFunction", "[]", timeout.Token);

        Assert.Equal((true, "5.5"), (added.Ok, added.ResultJson));
        Assert.Equal((true, "[2,2,2,3,3,5]"), (factors.Ok, factors.ResultJson));
        Assert.Equal((false, "not-found"), (unknown.Ok, unknown.Code));
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
