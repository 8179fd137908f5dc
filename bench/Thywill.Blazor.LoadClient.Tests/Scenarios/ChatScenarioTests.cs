using Thywill.Blazor.LoadClient.Scenarios;
using Thywill.Blazor.LoadClient.Tests.Kit;

namespace Thywill.Blazor.LoadClient.Tests.Scenarios;

public sealed class ChatScenarioTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    [Fact]
    public async Task MeasureAsync_TwoRoomsOfThree_EveryMessageReachesTheOtherMembersOfItsRoomOnce()
    {
        // One warm-up round, then 4 measured rounds: 6 members × 4 messages, each owed to the 2 others in its room.
        var options = new ChatScenario.Options(Rooms: 2, Members: 3, Rate: 2, Duration: TimeSpan.FromSeconds(2), WarmUp: TimeSpan.FromSeconds(0.5), Pad: 16);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChatScenario.MeasureAsync(host.Settings, server: null, options, concurrency: 6, timeout.Token);

        Assert.Equal((24L, 0L, 0L), (result.Sent, result.Refused, result.Unanswered));
        Assert.Equal((48L, 48L, 0L), (result.ExpectedReceipts, result.Received, result.Lost));
        Assert.Equal((0L, 0L, 0L), (result.Repeats, result.OffsetRepeats, result.Duplicates));
        Assert.Equal((0L, 0L, 0L, 0L), (result.Misdelivered, result.ForeignRoom, result.OwnMessage, result.Unknown));

        // What the pages themselves counted (by offset, warm-up included) agrees: nothing from another room, nothing twice.
        Assert.Equal(30 * 2, result.ExpectedReceiptsWithWarmUp);
        Assert.Equal(result.ExpectedReceiptsWithWarmUp, result.ReceivedByPagesWithWarmUp);
        Assert.Equal(0, result.InteropErrors);
        Assert.True(result.PresenceEvents >= 6, $"{result.PresenceEvents} presence events");

        Assert.Equal(48, result.Latency.Count);
        Assert.Equal(24, result.Acknowledged.Count);
        Assert.Equal(24, result.SenderLateness.Count);
        Assert.Equal(6, result.Join.Count);
        Assert.InRange(result.Latency.P50, 0.001, result.Latency.Max);
        Assert.True(result.DeliveredPerSecond > 0);
        Assert.Null(result.ServerCpuPercent);
        Assert.Contains("| 2 × 3 | 12 | 24 | 0 | 0 | 48 | 48 | 0 | 0 | 0 |", ChatScenario.Markdown(result), StringComparison.Ordinal);
    }
}
