using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

/// <summary>
/// <see cref="SubscriptionSet.AttachAsync"/>: history and the live publications that arrive while
/// it is read merge into one sequence, with no gap and no repeat.
/// </summary>
public sealed partial class ClientSessionTests
{
    private static readonly ChannelKey Room = new("test-app", "room:1");

    private TestEngine _engine => _node!.Engine;

    private ChannelRule RoomRule => _node!.RuleOf(Room.Name);

    [Fact]
    public async Task AttachAsync_LivePublicationsDuringTheHistoryRead_DeliveredOnceInOrderWithoutGaps()
    {
        var connection = Recovering();
        await PublishAsync(2);
        var epoch = await EpochAsync();

        var position = await AttachReadingAsync(connection, new ChannelPosition(epoch, 1), report: true, async (channel, after) =>
        {
            // Live and in the history too: must not repeat.
            await PublishAsync(2);
            var history = await _engine.Broker.ReadHistoryAsync(channel, after);

            // Live after the read: must not be missed.
            await PublishAsync(2);
            return history;
        });
        await PublishAsync(1);

        Assert.Equal(new ChannelPosition(epoch, 6), position);
        Assert.Equal([2, 3, 4, 5, 6, 7], await connection.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task AttachAsync_FromNowWithLivePublicationsDuringTheRead_DeliversThoseAfterTheReadOnly()
    {
        var connection = Recovering();
        await PublishAsync(2);

        var position = await AttachReadingAsync(connection, from: null, report: true, async (channel, after) =>
        {
            await PublishAsync(1);
            var history = await _engine.Broker.ReadHistoryAsync(channel, after);
            await PublishAsync(1);
            return history;
        });

        Assert.Equal(4, position.Offset);
        Assert.Equal([4], await connection.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task AttachAsync_HistoryComplete_DeliversTheMissedOnesThenReportsRecovered()
    {
        var connection = Recovering();
        await PublishAsync(3);
        var epoch = await EpochAsync();

        await AttachAsync(connection, new ChannelPosition(epoch, 1));

        Assert.Equal(["2", "3", "recovered 2"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_PositionInAnotherEpoch_StartsFromNowAndReportsNotRecovered()
    {
        var connection = Recovering();
        await PublishAsync(3);
        var epoch = await EpochAsync();

        var position = await AttachAsync(connection, new ChannelPosition("an-older-epoch", 1));
        await PublishAsync(1);

        Assert.Equal(new ChannelPosition(epoch, 3), position);
        Assert.Equal(["lost 0", "4"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_PositionInAnotherEpoch_RecoveryEventNamesTheNewEpochAndTheOldOffset()
    {
        var connection = Recovering();
        await PublishAsync(3);

        await AttachAsync(connection, new ChannelPosition("an-older-epoch", 1));

        var recovery = Assert.Single((await connection.Outbox.DrainAsync()).OfType<RecoveryEvent>());
        Assert.Equal(new RecoveryEvent(Room.Name, Recovered: false, await EpochAsync(), FromOffset: 1, Delivered: 0), recovery);
    }

    [Fact]
    public async Task AttachAsync_HistoryIncomplete_DeliversTheKeptOnesAndReportsNotRecovered()
    {
        var connection = Recovering();
        await PublishAsync(6);

        await AttachAsync(connection, new ChannelPosition(await EpochAsync(), 1));

        Assert.Equal(["4", "5", "6", "lost 3"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_ExcludedPublications_NeverDeliveredFromHistoryOrLive()
    {
        var connection = Recovering();
        await PublishAsync(1);
        await PublishExcludingAsync("client-1");
        var epoch = await EpochAsync();

        await AttachReadingAsync(connection, new ChannelPosition(epoch, 0), report: true, async (channel, after) =>
        {
            var history = await _engine.Broker.ReadHistoryAsync(channel, after);
            await PublishExcludingAsync("client-1");
            await PublishAsync(1);
            return history;
        });
        await PublishExcludingAsync("client-1");
        await PublishExcludingAsync("client-2");

        // The outcome comes once the channel is caught up: after what arrived live meanwhile.
        Assert.Equal(["1", "4", "recovered 1", "6"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task OnPublication_SameEpochAtOrBeforeTheCursor_DroppedAsDuplicate()
    {
        var connection = Recovering();
        await PublishAsync(2);
        var kept = (await _engine.ReadHistoryAsync(Room, 0)).Publications;
        await AttachAsync(connection, new ChannelPosition(await EpochAsync(), 0), report: false);

        connection.Subscriptions.OnPublication(kept[0]);
        connection.Subscriptions.OnPublication(kept[1]);
        var third = await _engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(3));
        connection.Subscriptions.OnPublication(third);

        Assert.Equal([1, 2, 3], await connection.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task AttachAsync_PresenceDuringRecovery_QueuedAfterTheHistoryInArrivalOrder()
    {
        var connection = Recovering();
        await PublishAsync(2);
        var epoch = await EpochAsync();

        await AttachReadingAsync(connection, new ChannelPosition(epoch, 0), report: true, async (channel, after) =>
        {
            var history = await _engine.Broker.ReadHistoryAsync(channel, after);
            await _engine.JoinPresenceAsync(channel, new PresenceMember("client-2", UserId: null, default));
            await PublishAsync(1);
            await _engine.LeavePresenceAsync(channel, "client-2");
            return history;
        });

        Assert.Equal(["1", "2", "join client-2", "3", "leave client-2", "recovered 2"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_PositionAheadOfTheChannel_StartsFromNowAndReportsNotRecovered()
    {
        // A browser's remembered position is input: one past what this channel ever published
        // (an archive that lost its last writes, a forged offset) must not hide what comes next.
        var connection = Recovering();
        await PublishAsync(3);
        var epoch = await EpochAsync();

        var position = await AttachAsync(connection, new ChannelPosition(epoch, 10));
        await PublishAsync(1);

        Assert.Equal(new ChannelPosition(epoch, 3), position);
        Assert.Equal(["lost 0", "4"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_HistoryReadFails_ThrowsAndLeavesTheChannelFreeToAttachAgain()
    {
        var connection = Recovering();
        await PublishAsync(2);
        var epoch = await EpochAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => AttachReadingAsync(
            connection,
            new ChannelPosition(epoch, 0),
            report: true,
            (_, _) => Task.FromException<ChannelHistory>(new InvalidOperationException("the archive is down"))));
        await PublishAsync(1);
        var position = await AttachAsync(connection, new ChannelPosition(epoch, 0));
        await PublishAsync(1);

        Assert.Equal(new ChannelPosition(epoch, 3), position);
        Assert.Equal(["1", "2", "3", "recovered 3", "4"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_NotReporting_QueuesNoRecoveryEvent()
    {
        var connection = Recovering();
        await PublishAsync(6);

        await AttachAsync(connection, new ChannelPosition("an-older-epoch", 1), report: false);

        Assert.Empty(await connection.Outbox.DrainAsync());
    }

    [Fact]
    public async Task AttachAsync_FromNow_DeliversNoHistoryAndReportsNothing()
    {
        var connection = Recovering();
        await PublishAsync(3);

        var position = await AttachAsync(connection, from: null);
        await PublishAsync(1);

        Assert.Equal(new ChannelPosition(await EpochAsync(), 3), position);
        Assert.Equal(["4"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachAsync_AlreadyAttached_ReturnsThePositionWithoutSubscribingAgain()
    {
        var connection = Recovering();
        await PublishAsync(2);
        var first = await AttachAsync(connection, from: null);
        var subscriptions = _engine.Subscriptions;

        var second = await AttachAsync(connection, new ChannelPosition("an-older-epoch", 0));
        await PublishAsync(1);

        Assert.Equal(first, second);
        Assert.Equal(subscriptions, _engine.Subscriptions);
        Assert.Equal(["3"], await connection.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task DetachAsync_Attached_EndsTheSubscription()
    {
        var connection = Recovering();
        await AttachAsync(connection, from: null);

        var detached = await connection.Subscriptions.DetachAsync(Room.Name);
        await PublishAsync(1);

        Assert.True(detached);
        Assert.DoesNotContain(Room.Name, connection.Channels);
        Assert.Empty(await connection.Outbox.DrainAsync());
    }

    /// <summary>A connection with room for everything a recovery test sends it.</summary>
    private ClientSession Recovering() => Connection(configure: o =>
    {
        o.Push.OutboxCapacity = 100;
        o.Engine.HistorySize = 3;
    });

    private Task<ChannelPosition> AttachAsync(ClientSession connection, ChannelPosition? from, bool report = true) =>
        connection.Subscriptions.AttachAsync(Room, RoomRule, from, report, CancellationToken.None);

    // The history read is the test's: it may publish while it runs, or fail.
    private Task<ChannelPosition> AttachReadingAsync(ClientSession connection, ChannelPosition? from, bool report, Func<ChannelKey, long, Task<ChannelHistory>> read)
    {
        _engine.NextReadHistory = read;
        return AttachAsync(connection, from, report);
    }

    private async Task<string> EpochAsync() => (await _engine.ReadHistoryAsync(Room, long.MaxValue)).Epoch;

    private async Task PublishAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(i));
        }
    }

    private async Task PublishExcludingAsync(string clientId) =>
        await _engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement("not for " + clientId), [clientId]);
}
