using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Clients;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.LoadClient.Tests.Circuits;

public sealed class BlazorCircuitTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    [Fact]
    public async Task Circuit_AcknowledgingEveryBatchFor60Seconds_StaysAliveAndKeepsRendering()
    {
        // echo-razor re-renders for every message it is pushed: one render batch each. The server
        // stops rendering to a circuit that leaves batches unacknowledged, so 30 rendered pushes over
        // a minute prove the acknowledgements, and the open circuit proves the connection's keep-alive.
        var shown = new ConcurrentDictionary<string, byte>();
        await using var client = new ThywillLoadClient(host.Settings, "echo-razor", index: 0, sink: null);
        client.Circuit.RenderBatchObserver = (_, batch) =>
        {
            foreach (var text in batch.ReadStrings())
            {
                shown.TryAdd(text, 0);
            }
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        await client.ConnectAsync(timeout.Token);
        var push = host.Services.GetRequiredService<IThywillServer>().Push("echo-razor");

        // 30 pushes 2 s apart: a minute of acknowledged batches, counted rather than timed (a timed
        // loop made 29 on a busy machine and failed the count below).
        const int pushed = 30;
        for (var i = 0; i < pushed; i++)
        {
            await push.SendToClientAsync(client.ClientId!, $"tick-{i}", timeout.Token);
            await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
        }

        var last = $"tick-{pushed - 1}";
        while (!shown.ContainsKey(last) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, timeout.Token);
        }

        Assert.All(Enumerable.Range(0, pushed), i => Assert.True(shown.ContainsKey($"tick-{i}"), $"tick-{i} was never rendered"));
        Assert.True(client.Circuit.BatchesAcknowledged >= pushed, $"{client.Circuit.BatchesAcknowledged} batches acknowledged for {pushed} pushes");
        Assert.False(client.Ended.IsCompleted, "the circuit ended");
        Assert.True(client.IsConnected);
        var listed = host.Services.GetRequiredService<IClientDirectory>().GetConnected("echo-razor").Single(c => c.Client.ClientId == client.ClientId);
        Assert.True(listed.IsUp);
    }

    [Fact]
    public async Task ConnectAsync_WhenTheAttachAnswerHasTrailingValues_TheServerEndsTheCircuitAndTheClientReportsIt()
    {
        // The server reads the answer's value, then finds more than [handle, ok, value]: it reports
        // "invalid interop arguments" to the page and terminates the circuit.
        await using var client = new ThywillLoadClient(host.Settings, "echo", 0, null, null, page => new WrongAnswers(page, "{\"resumeToken\":null},1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The bootstrap may still finish first (the value itself was read); the circuit ends either way.
        var connecting = client.ConnectAsync(timeout.Token);
        var reason = await client.Ended.WaitAsync(timeout.Token);
        await connecting.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.StartsWith("the server reported an error", reason, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_WhenTheAttachAnswerHasTheWrongType_FailsWithTheServersReason()
    {
        // The server cannot read {"resumeToken":42} as its hello: it fails the bootstrap at once
        // through thywill._fail, and the client reports that reason instead of waiting for its timeout.
        using var settings = new ConnectionSettings(host.Settings.BaseAddress) { ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using var client = new ThywillLoadClient(settings, "echo", 0, null, null, page => new WrongAnswers(page, "{\"resumeToken\":42}"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failure = await Assert.ThrowsAsync<CircuitFailedException>(() => client.ConnectAsync(timeout.Token));

        Assert.Contains("could not be read", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did not connect within", failure.Message, StringComparison.Ordinal);
        Assert.Null(client.ClientId);
        Assert.False(client.IsConnected);
    }

    /// <summary>The page's scripts, except that the attach call gets a wrong answer.</summary>
    private sealed class WrongAnswers(IJSInteropHandler page, string attachAnswer) : IJSInteropHandler
    {
        public JSInteropAnswer Invoke(string identifier, string argsJson)
        {
            var answer = page.Invoke(identifier, argsJson);
            return identifier == ThywillProtocol.Attach ? JSInteropAnswer.Result(attachAnswer) : answer;
        }
    }
}
