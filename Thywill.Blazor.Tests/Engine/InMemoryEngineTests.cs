using System.Text.Json;
using Thywill.Blazor.Channels;
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
    public async Task PublishAsync_SubscriberUnsubscribesItselfAndAnotherWhileHandling_BothGetThisOneAndNeitherTheNext()
    {
        // A handler runs under the channel's lock, which is re-entrant: changes it makes to the
        // subscribers apply from the next publication on, as they did with a copied array.
        var engine = Engine();
        var first = new RecordingSubscriber();
        var second = new RecordingSubscriber();
        var third = new RecordingSubscriber();
        var secondSubscription = await engine.SubscribeAsync(Room, second);
        IAsyncDisposable? firstSubscription = null;
        var late = new RecordingSubscriber();
        var unsubscriber = new CallbackSubscriber(_ =>
        {
            firstSubscription!.DisposeAsync().AsTask().Wait();
            secondSubscription.DisposeAsync().AsTask().Wait();
            engine.SubscribeAsync(Room, late).AsTask().Wait();
        });
        firstSubscription = await engine.SubscribeAsync(Room, unsubscriber);
        await engine.SubscribeAsync(Room, first);
        await engine.SubscribeAsync(Room, third);

        await PublishAsync(engine, Room, 1);
        unsubscriber.Callback = _ => { };
        await PublishAsync(engine, Room, 1);

        Assert.Equal([1], second.Offsets);
        Assert.Equal([1, 2], first.Offsets);
        Assert.Equal([1, 2], third.Offsets);
        Assert.Equal([2], late.Offsets);
        Assert.Single(unsubscriber.Received);
    }

    [Fact]
    public async Task SubscribeAsync_ManySubscribersSomeGone_EveryRemainingOneReceivesInSubscriptionOrder()
    {
        var engine = Engine();
        var order = new List<int>();
        var subscriptions = new List<IAsyncDisposable>();
        for (var i = 0; i < 100; i++)
        {
            var index = i;
            subscriptions.Add(await engine.SubscribeAsync(Room, new CallbackSubscriber(_ => order.Add(index))));
        }

        foreach (var gone in new[] { 0, 1, 50, 98, 99 })
        {
            await subscriptions[gone].DisposeAsync();
        }

        await subscriptions[50].DisposeAsync();
        await PublishAsync(engine, Room, 1);

        Assert.Equal(Enumerable.Range(0, 100).Except([0, 1, 50, 98, 99]), order);
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

    [Fact]
    public async Task PublishAsync_ManyPublications_KeepOneEpochPerChannel()
    {
        var engine = Engine();
        var lobby = Room with { Name = "lobby" };

        var roomEpochs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            roomEpochs.Add((await engine.PublishAsync(Room, null, Data(i))).Epoch);
        }

        var lobbyEpoch = (await engine.PublishAsync(lobby, null, Data(0))).Epoch;

        Assert.Single(roomEpochs.Distinct());
        Assert.Equal(roomEpochs[0], (await engine.ReadHistoryAsync(Room, afterOffset: 0)).Epoch);
        Assert.Equal(roomEpochs[0], lobbyEpoch);
    }

    [Fact]
    public async Task SeedChannelAsync_UnknownChannel_NextOffsetContinuesFromTheSeedInTheSeededEpoch()
    {
        var engine = Engine();

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 41);
        var next = await engine.PublishAsync(Room, null, Data(0));

        Assert.Equal(42, next.Offset);
        Assert.Equal("archived", next.Epoch);
    }

    [Fact]
    public async Task SeedChannelAsync_UnknownChannel_HistoryKnowsTheLatestOffsetButHoldsNothingBeforeIt()
    {
        var engine = Engine();

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 41);
        var fromStart = await engine.ReadHistoryAsync(Room, afterOffset: 0);
        var fromSeed = await engine.ReadHistoryAsync(Room, afterOffset: 41);

        Assert.Equal("archived", fromStart.Epoch);
        Assert.Equal(41, fromStart.LatestOffset);
        Assert.Empty(fromStart.Publications);
        Assert.False(fromStart.Complete);
        Assert.True(fromSeed.Complete);
    }

    [Fact]
    public async Task SeedChannelAsync_KnownChannel_ChangesNeitherEpochNorOffsets()
    {
        var engine = Engine();
        var first = await engine.PublishAsync(Room, null, Data(0));

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 100);
        var next = await engine.PublishAsync(Room, null, Data(1));

        Assert.Equal(2, next.Offset);
        Assert.Equal(first.Epoch, next.Epoch);
    }

    [Fact]
    public async Task SeedChannelAsync_SeededTwice_FirstSeedStands()
    {
        var engine = Engine();

        await engine.SeedChannelAsync(Room, "first", latestOffset: 5);
        await engine.SeedChannelAsync(Room, "second", latestOffset: 50);
        var next = await engine.PublishAsync(Room, null, Data(0));

        Assert.Equal(("first", 6L), (next.Epoch, next.Offset));
    }

    [Theory]
    [InlineData(2, new long[] { 1, 2 }, true)]
    [InlineData(3, new long[] { 2, 3 }, false)]
    public async Task ReadHistoryAsync_ChannelRuleHistorySize_AppliesToItsChannelsOnly(int published, long[] expectedInRoom, bool roomComplete)
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistorySize = 2 });
        var room = Room with { Name = "room:1" };
        var lobby = Room with { Name = "lobby" };
        await PublishAsync(engine, room, published);
        await PublishAsync(engine, lobby, published);

        var roomHistory = await engine.ReadHistoryAsync(room, afterOffset: 0);
        var lobbyHistory = await engine.ReadHistoryAsync(lobby, afterOffset: 0);

        Assert.Equal(expectedInRoom, roomHistory.Publications.Select(p => p.Offset));
        Assert.Equal(roomComplete, roomHistory.Complete);
        Assert.Equal(published, lobbyHistory.Publications.Count);
        Assert.True(lobbyHistory.Complete);
    }

    [Fact]
    public async Task ReadHistoryAsync_OnePastChannelRuleHistorySize_CompleteOnlyFromJustBeforeTheOldestKept()
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistorySize = 2 });
        var room = Room with { Name = "room:1" };
        await PublishAsync(engine, room, 3);

        var fromZero = await engine.ReadHistoryAsync(room, afterOffset: 0);
        var fromOne = await engine.ReadHistoryAsync(room, afterOffset: 1);

        Assert.False(fromZero.Complete);
        Assert.True(fromOne.Complete);
        Assert.Equal([2, 3], fromOne.Publications.Select(p => p.Offset));
    }

    [Theory]
    [InlineData(30, new long[] { 1, 2 }, true)]
    [InlineData(31, new long[] { 2 }, false)]
    public async Task ReadHistoryAsync_ChannelRuleHistoryAge_AppliesToItsChannelsOnly(int oldestAgeSeconds, long[] expectedInRoom, bool roomComplete)
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistoryAge = TimeSpan.FromSeconds(30) });
        var room = Room with { Name = "room:1" };
        var lobby = Room with { Name = "lobby" };
        await PublishAsync(engine, room, 1);
        await PublishAsync(engine, lobby, 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await PublishAsync(engine, room, 1);
        await PublishAsync(engine, lobby, 1);
        _time.Advance(TimeSpan.FromSeconds(oldestAgeSeconds - 10));

        var roomHistory = await engine.ReadHistoryAsync(room, afterOffset: 0);
        var lobbyHistory = await engine.ReadHistoryAsync(lobby, afterOffset: 0);

        Assert.Equal(expectedInRoom, roomHistory.Publications.Select(p => p.Offset));
        Assert.Equal(roomComplete, roomHistory.Complete);
        Assert.Equal([1, 2], lobbyHistory.Publications.Select(p => p.Offset));
        Assert.True((await engine.ReadHistoryAsync(room, afterOffset: 1)).Complete);
    }

    [Fact]
    public async Task JoinPresenceAsync_JoinUpdateLeave_SubscribersSeeEachInOrder()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        await engine.JoinPresenceAsync(Room, Member("client-2", "Bob"));
        await engine.JoinPresenceAsync(Room, Member("client-1", "Annie"));
        await engine.LeavePresenceAsync(Room, "client-1");

        Assert.Equal(
            [("join", "client-1", "Ann"), ("join", "client-2", "Bob"), ("update", "client-1", "Annie"), ("leave", "client-1", "Annie")],
            subscriber.Presence.Select(e => (e.Action, e.Member.ClientId, e.Member.Info.GetString())));
        Assert.Equal(["client-2"], (await engine.GetPresenceAsync(Room)).Select(m => m.ClientId));
    }

    [Fact]
    public async Task JoinPresenceAsync_IdenticalRejoin_EmitsNothing()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        await engine.JoinPresenceAsync(Room, new PresenceMember("client-2", "user-2", default));

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        await engine.JoinPresenceAsync(Room, new PresenceMember("client-2", "user-2", default));

        Assert.Equal(2, subscriber.Presence.Count);
        Assert.Equal(2, (await engine.GetPresenceAsync(Room)).Count);
    }

    [Fact]
    public async Task JoinPresenceAsync_SameInfoAnotherUser_IsAnUpdate()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann") with { UserId = "user-9" });

        Assert.Equal(["join", "update"], subscriber.Presence.Select(e => e.Action));
    }

    [Fact]
    public async Task LeavePresenceAsync_NonMember_EmitsNothing()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        await engine.LeavePresenceAsync(Room, "client-2");
        await engine.LeavePresenceAsync(Room with { Name = "never-used" }, "client-1");

        Assert.Equal(["join"], subscriber.Presence.Select(e => e.Action));
        Assert.Single(await engine.GetPresenceAsync(Room));
    }

    [Fact]
    public async Task GetPresenceAsync_ChannelWithSubscribersButNoPresence_IsEmptyAndLeavingEmitsNothing()
    {
        // A personal channel's state never gets a presence table; asking about one must not need it.
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await PublishAsync(engine, Room, 1);

        await engine.LeavePresenceAsync(Room, "client-1");

        Assert.Empty(await engine.GetPresenceAsync(Room));
        Assert.Empty(subscriber.Presence);

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        Assert.Single(await engine.GetPresenceAsync(Room));
    }

    [Fact]
    public async Task JoinPresenceAsync_SameChannelNameInTwoApplications_Isolated()
    {
        var engine = Engine();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        var other = await engine.GetPresenceAsync(Room with { ApplicationId = "app-b" });

        Assert.Empty(other);
    }

    [Fact]
    public async Task AddMembershipAsync_Twice_AddsOnceAndReportsOnlyTheFirst()
    {
        var engine = Engine();

        var first = await engine.AddMembershipAsync("app-a", "client-1", "room:2");
        var again = await engine.AddMembershipAsync("app-a", "client-1", "room:2");
        await engine.AddMembershipAsync("app-a", "client-1", "room:1");

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(["room:1", "room:2"], await engine.GetMembershipsAsync("app-a", "client-1"));
    }

    [Fact]
    public async Task RemoveMembershipAsync_Twice_RemovesOnceAndReportsOnlyTheFirst()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1");
        await engine.AddMembershipAsync("app-a", "client-1", "room:2");

        var first = await engine.RemoveMembershipAsync("app-a", "client-1", "room:1");
        var again = await engine.RemoveMembershipAsync("app-a", "client-1", "room:1");

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(["room:2"], await engine.GetMembershipsAsync("app-a", "client-1"));
    }

    [Fact]
    public async Task RemoveMembershipAsync_LastChannel_LeavesNoneAndCanBeAddedAgain()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1");

        await engine.RemoveMembershipAsync("app-a", "client-1", "room:1");
        var emptied = await engine.GetMembershipsAsync("app-a", "client-1");
        var readded = await engine.AddMembershipAsync("app-a", "client-1", "room:1");

        Assert.Empty(emptied);
        Assert.True(readded);
        Assert.False(await engine.RemoveMembershipAsync("app-a", "client-2", "room:1"));
    }

    [Fact]
    public async Task AddMembershipAsync_SameClientIdInTwoApplications_Isolated()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1");

        Assert.Empty(await engine.GetMembershipsAsync("app-b", "client-1"));
        Assert.Empty(await engine.GetMembershipsAsync("app-a", "client-2"));
    }

    private InMemoryEngine Engine(Action<TestOptions>? configure = null) =>
        new(TestOptions.With(configure).Rules(), _time);

    private InMemoryEngine KeepingLast(int count) => Engine(o => o.Engine.HistorySize = count);

    private InMemoryEngine KeepingFor(TimeSpan age) => Engine(o => o.Engine.HistoryAge = age);

    private InMemoryEngine WithRoomRule(ChannelRuleOptions rule) =>
        Engine(o => o.Applications[Room.ApplicationId] = new ApplicationOptions { Channels = [rule] });

    private async Task<(InMemoryEngine Engine, RecordingSubscriber Subscriber)> SubscribedToRoomAsync()
    {
        var engine = Engine();
        var subscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, subscriber);
        return (engine, subscriber);
    }

    private static PresenceMember Member(string clientId, string name) => new(clientId, UserId: null, Data(name));

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

    /// <summary>A subscriber that runs a callback on each publication, on the publisher's thread.</summary>
    private sealed class CallbackSubscriber(Action<Publication> callback) : IChannelSubscriber
    {
        public Action<Publication> Callback { get; set; } = callback;

        public List<Publication> Received { get; } = [];

        public void OnPublication(Publication publication)
        {
            Received.Add(publication);
            Callback(publication);
        }

        public void OnPresence(PresenceEvent presence)
        {
        }
    }
}
