using Xunit.Abstractions;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Scenarios.Soak;
using Thywill.Blazor.LoadClient.Tests.Kit;

namespace Thywill.Blazor.LoadClient.Tests.Scenarios.Soak;

/// <summary>
/// The soak in small: a minute of churn against the Host in its own process (so that its heap is its
/// own), from the build these tests were built with. About leaks and losses, not speed.
/// </summary>
public sealed class SoakScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MeasureAsync_AMinuteOfChurn_LosesNothingAnswersEveryCallAndTheHeapComesBackAfterTheRetention()
    {
        // The server's log is kept when the test fails.
        var log = Path.Combine(Path.GetTempPath(), $"thywill-soak-test-{Guid.NewGuid():N}.log");
        await SoakAsync(log);
        File.Delete(log);
    }

    private async Task SoakAsync(string log)
    {
        var options = new SoakOptions
        {
            Duration = TimeSpan.FromSeconds(60),
            WarmUp = TimeSpan.FromSeconds(15),
            RelayTabs = 8,
            RpcTabs = 2,
            ActionInterval = TimeSpan.FromSeconds(0.5),
            TabLifetime = TimeSpan.FromSeconds(20),
            SharedRooms = 3,
            ReloadShare = 0.08,
            HeapInterval = TimeSpan.FromSeconds(30),
            AwayRetention = TimeSpan.FromSeconds(10),
            IdleRetention = TimeSpan.FromSeconds(10),
            SweepInterval = TimeSpan.FromSeconds(2),
            DatabaseRetention = TimeSpan.FromSeconds(20),
            CleanupInterval = TimeSpan.FromSeconds(5),
        };
        using var deadline = new CancellationTokenSource(options.Total + TimeSpan.FromMinutes(3));
        await using var server = await OwnServer.StartAsync(log, options.ServerSettings(), deadline.Token);
        using var settings = new ConnectionSettings(server.Address) { ConnectTimeout = TimeSpan.FromSeconds(20) };

        var result = await SoakScenario.MeasureAsync(settings, server, options, deadline.Token);

        var c = result.Counts;
        var report = SoakScenario.Markdown(result) + "\nServer log: " + log;
        output.WriteLine(report);
        Assert.True(c.Failures == 0, report);
        Assert.Equal((0L, 0L, 0L, 0L), (c.Lost, c.Repeated, c.Misdelivered, c.NotRecovered));
        Assert.Equal(c.Calls, c.CallsAnswered);

        // The churn happened: tabs came and went, reloaded, went through many rooms, published and called.
        Assert.True(c.Tabs > options.RelayTabs + options.RpcTabs, report);
        Assert.True(c.Reloads > 0 && c.Leaves > 0 && c.Calls > 20 && c.Published > 100 && c.Received >= c.Published, report);
        Assert.True(result.DistinctRooms > 20, report);
        Assert.Equal(0, result.ServerClientsAtEnd);

        // What the clients left has been expired: the heap is back near where the warm-up left it.
        Assert.True(!result.Grew, $"The heap grew from {Report.Mb(result.StartHeapBytes)} MB to {Report.Mb(result.EndHeapBytes)} MB.\n{report}");
    }
}
