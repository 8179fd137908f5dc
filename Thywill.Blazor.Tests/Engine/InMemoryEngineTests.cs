using Thywill.Blazor.Channels;
using System.Text.Json;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

public sealed class InMemoryEngineTests
{
    private static readonly ChannelKey Room = new("app-a", "room");

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task PublishAsync_NewChannel_OffsetsStartAtOneWithoutGaps()
    {
        var engine = Engine();

        var offsets = await PublishAsync(engine, Room, 5);

        Assert.Equal([1, 2, 3, 4, 5], offsets);
    }

    [Fact]
    public async Task PublishAsync_TwoChannels_CountOffsetsIndependently()
    {
        var engine = Engine();
        var lobby = Room with { Name = "lobby" };

        await PublishAsync(engine, Room, 3);
        var lobbyOffsets = await PublishAsync(engine, lobby, 2);

        Assert.Equal([1, 2], lobbyOffsets);
    }

    [Fact]
    public async Task PublishAsync_SameChannelNameInTwoApplications_Isolated()
    {
        var engine = Engine();
        var otherApplicationsRoom = Room with { ApplicationId = "app-b" };
        var subscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, subscriber);

        await PublishAsync(engine, Room, 2);
        var otherOffsets = await PublishAsync(engine, otherApplicationsRoom, 1);

        Assert.Equal([1], otherOffsets);
        Assert.Equal([1, 2], subscriber.Offsets);
        Assert.All(subscriber.Received, p => Assert.Equal(Room, p.Channel));
        Assert.Single((await engine.ReadHistoryAsync(otherApplicationsRoom, 0)).Publications);
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishers_EverySubscriberSeesEveryOffsetInOrder()
    {
        const int Publishers = 8;
        const int PerPublisher = 1_000;
        var engine = KeepingLast(10);
        var first = new RecordingSubscriber();
        var second = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, first);
        await engine.SubscribeAsync(Room, second);

        using var start = new ManualResetEventSlim();
        var publishers = Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < PerPublisher; i++)
            {
                await engine.PublishAsync(Room, $"publisher-{p}", Data(i));
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(publishers);

        var expected = Enumerable.Range(1, Publishers * PerPublisher).Select(o => (long)o);
        Assert.Equal(expected, first.Offsets);
        Assert.Equal(expected, second.Offsets);
        Assert.All(Enumerable.Range(0, Publishers), p => Assert.Equal(PerPublisher, first.Received.Count(r => r.From == $"publisher-{p}")));
    }

    [Fact]
    public async Task SubscribeAsync_AfterEarlierPublications_ReceivesOnlyNewOnes()
    {
        var engine = Engine();
        await PublishAsync(engine, Room, 2);
        var subscriber = new RecordingSubscriber();

        await engine.SubscribeAsync(Room, subscriber);
        await PublishAsync(engine, Room, 1);

        Assert.Equal([3], subscriber.Offsets);
    }

    [Fact]
    public async Task SubscribeAsync_Disposed_ReceivesNoMore()
    {
        var engine = Engine();
        var subscriber = new RecordingSubscriber();
        var subscription = await engine.SubscribeAsync(Room, subscriber);
        await PublishAsync(engine, Room, 1);

        await subscription.DisposeAsync();
        await PublishAsync(engine, Room, 1);

        Assert.Equal([1], subscriber.Offsets);
    }

    [Fact]
    public async Task PublishAsync_Cancelled_ThrowsAndTakesNoOffset()
    {
        var engine = Engine();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.PublishAsync(Room, null, Data(0), exclude: null, new CancellationToken(canceled: true)).AsTask());
        var offsets = await PublishAsync(engine, Room, 1);

        Assert.Equal([1], offsets);
    }

    [Theory]
    [InlineData(3, new long[] { 1, 2, 3 }, true)]
    [InlineData(4, new long[] { 2, 3, 4 }, false)]
    public async Task ReadHistoryAsync_PublishedAgainstHistorySize_KeepsUpToTheSizeAndDropsTheOldestPastIt(int published, long[] expected, bool complete)
    {
        var engine = KeepingLast(3);
        await PublishAsync(engine, Room, published);

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.Equal(published, history.LatestOffset);
        Assert.Equal(complete, history.Complete);
    }

    [Theory]
    [InlineData(1, new long[] { 2, 3, 4 })]
    [InlineData(3, new long[] { 4 })]
    [InlineData(4, new long[0])]
    public async Task ReadHistoryAsync_AfterAnOffsetWhoseSuccessorsAreKept_IsComplete(long afterOffset, long[] expected)
    {
        var engine = KeepingLast(3);
        await PublishAsync(engine, Room, 4);

        var history = await engine.ReadHistoryAsync(Room, afterOffset);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.True(history.Complete);
    }

    [Theory]
    [InlineData(60, new long[] { 1, 2 }, true)]
    [InlineData(61, new long[] { 2 }, false)]
    public async Task ReadHistoryAsync_OldestAgainstHistoryAge_KeptUpToTheAgeAndDroppedPastIt(int oldestAgeSeconds, long[] expected, bool complete)
    {
        var engine = KeepingFor(TimeSpan.FromMinutes(1));
        await PublishAsync(engine, Room, 1);
        _time.Advance(TimeSpan.FromSeconds(40));
        await PublishAsync(engine, Room, 1);
        _time.Advance(TimeSpan.FromSeconds(oldestAgeSeconds - 40));

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.Equal(complete, history.Complete);
    }

    [Fact]
    public async Task ReadHistoryAsync_UnknownChannel_IsEmptyAndComplete()
    {
        var history = await Engine().ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Empty(history.Publications);
        Assert.Equal(0, history.LatestOffset);
        Assert.True(history.Complete);
    }

    [Fact]
    public async Task ReadHistoryAsync_Publications_CarryThePublishedDataAndTheEngineEpoch()
    {
        var engine = Engine();
        var published = await engine.PublishAsync(Room, "client-1", Data("hello"));

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        var kept = Assert.Single(history.Publications);
        Assert.Equal("hello", kept.Data.GetString());
        Assert.Equal("client-1", kept.From);
        Assert.Equal(published.Epoch, history.Epoch);
        Assert.Equal(_time.GetUtcNow(), kept.Timestamp);
    }

    [Fact]
    public async Task PublishAsync_TwoEngines_HaveDifferentEpochs()
    {
        var first = await Engine().PublishAsync(Room, null, Data(0));
        var second = await Engine().PublishAsync(Room, null, Data(0));

        Assert.NotEqual(first.Epoch, second.Epoch);
    }

    private InMemoryEngine Engine(Action<ThywillOptions>? configure = null) =>
        new(new ChannelRules(TestOptionsMonitor.With(configure)), _time);

    private InMemoryEngine KeepingLast(int count) => Engine(o => o.Engine.HistorySize = count);

    private InMemoryEngine KeepingFor(TimeSpan age) => Engine(o => o.Engine.HistoryAge = age);

    private static JsonElement Data<T>(T value) => JsonSerializer.SerializeToElement(value);

    private static async Task<long[]> PublishAsync(InMemoryEngine engine, ChannelKey channel, int count)
    {
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = (await engine.PublishAsync(channel, null, Data(i))).Offset;
        }

        return offsets;
    }
}
