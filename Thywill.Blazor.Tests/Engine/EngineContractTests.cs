using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>
/// What every <see cref="TestEngine"/> must do, whatever holds its state. An engine is tested by
/// a sealed subclass that creates it. Delivery may be asynchronous (another node, another thread), so
/// tests wait for what they expect and use a later publication or presence change as a sentinel
/// before asserting that something did not arrive.
/// </summary>
public abstract class EngineContractTests
{
    private static readonly ChannelKey Room = new("app-a", "room");
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>A fresh engine holding no channels, applying <paramref name="options"/> (its channel retention).</summary>
    private protected abstract TestEngine CreateEngine(TestOptions options);

    [Fact]
    public async Task PublishAsync_NewChannel_OffsetsStartAtOneWithoutGaps()
    {
        var engine = Engine();

        var offsets = await engine.PublishNumbersAsync(Room, 5);

        Assert.Equal([1, 2, 3, 4, 5], offsets);
    }

    [Fact]
    public async Task ListChannelsAsync_GivesAnApplicationsChannelsByName_WithOffsetsAndHistory()
    {
        var engine = Engine();
        var lobby = Room with { Name = "lobby" };
        await engine.PublishNumbersAsync(Room, 3);
        await engine.PublishNumbersAsync(lobby, 1);
        await engine.PublishNumbersAsync(Room with { Name = "$client:c1" }, 1);
        await engine.PublishNumbersAsync(Room with { ApplicationId = "app-b" }, 2);

        var listed = await engine.ListChannelsAsync("app-a", max: 10, includeFramework: false);
        var withFramework = await engine.ListChannelsAsync("app-a", max: 10, includeFramework: true);
        var first = await engine.ListChannelsAsync("app-a", max: 1, includeFramework: false);

        Assert.Equal(["lobby", "room"], listed.Select(c => c.Name));
        var room = listed[1];
        Assert.Equal((3L, 3), (room.LatestOffset, room.HistoryCount));
        Assert.True(room.HistoryBytes > 0);
        Assert.False(string.IsNullOrEmpty(room.Epoch));
        Assert.Equal(["$client:c1", "lobby", "room"], withFramework.Select(c => c.Name));
        Assert.Equal(["lobby"], first.Select(c => c.Name));
    }

    [Fact]
    public async Task PublishAsync_TwoChannels_CountOffsetsIndependently()
    {
        var engine = Engine();
        var lobby = Room with { Name = "lobby" };

        await engine.PublishNumbersAsync(Room, 3);
        var lobbyOffsets = await engine.PublishNumbersAsync(lobby, 2);

        Assert.Equal([1, 2], lobbyOffsets);
    }

    [Fact]
    public async Task PublishAsync_Cancelled_ThrowsAndTakesNoOffset()
    {
        var engine = Engine();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.PublishAsync(Room, null, Data(0), exclude: null, new CancellationToken(canceled: true)).AsTask());
        var offsets = await engine.PublishNumbersAsync(Room, 1);

        Assert.Equal([1], offsets);
    }

    [Fact]
    public async Task PublishAsync_SameChannelNameInTwoApplications_Isolated()
    {
        var engine = Engine();
        var otherApplicationsRoom = Room with { ApplicationId = "app-b" };
        var subscriber = new RecordingSubscriber();
        var otherSubscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, subscriber);
        await engine.SubscribeAsync(otherApplicationsRoom, otherSubscriber);

        await engine.PublishNumbersAsync(Room, 2);
        var otherOffsets = await engine.PublishNumbersAsync(otherApplicationsRoom, 1);
        await subscriber.WaitForPublicationsAsync(2);
        await otherSubscriber.WaitForPublicationsAsync(1);

        Assert.Equal([1], otherOffsets);
        Assert.Equal([1, 2], subscriber.Offsets);
        Assert.All(subscriber.Received, p => Assert.Equal(Room, p.Channel));
        Assert.Equal(otherApplicationsRoom, Assert.Single(otherSubscriber.Received).Channel);
        Assert.Single((await engine.ReadHistoryAsync(otherApplicationsRoom, 0)).Publications);
    }

    [Fact]
    public async Task PublishAsync_ManyPublications_KeepOneEpochPerChannel()
    {
        var engine = Engine();
        var before = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        var epochs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            epochs.Add((await engine.PublishAsync(Room, null, Data(i))).Epoch);
        }

        Assert.Equal(before.Epoch, Assert.Single(epochs.Distinct()));
        Assert.Equal(before.Epoch, (await engine.ReadHistoryAsync(Room, afterOffset: 0)).Epoch);
    }

    [Fact]
    public async Task SeedChannelAsync_UnknownChannel_NextOffsetContinuesFromTheSeedInTheSeededEpoch()
    {
        var engine = Engine();
        var fresh = await engine.PublishAsync(Room with { Name = "lobby" }, null, Data(0));

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 41);
        var next = await engine.PublishAsync(Room, null, Data(0));

        Assert.Equal(42, next.Offset);
        Assert.Equal("archived", next.Epoch);
        Assert.NotEqual(fresh.Epoch, next.Epoch);
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
    [InlineData(3, new long[] { 1, 2, 3 }, true)]
    [InlineData(4, new long[] { 2, 3, 4 }, false)]
    [InlineData(10, new long[] { 8, 9, 10 }, false)]
    public async Task ReadHistoryAsync_PublishedAgainstHistorySize_KeepsUpToTheSizeAndDropsTheOldestPastIt(int published, long[] expected, bool complete)
    {
        var engine = KeepingLast(3);
        await engine.PublishNumbersAsync(Room, published);

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.Equal(published, history.LatestOffset);
        Assert.Equal(complete, history.Complete);
    }

    [Fact]
    public async Task PublishAsync_RetentionComesWithEachPublication_TheHistoryIsTrimmedToTheNewestOnes()
    {
        // No rule is configured: the caller's retention is all the broker knows.
        var engine = Engine();
        for (var i = 0; i < 5; i++)
        {
            await engine.PublishAsync(Room, null, Data(i), new ChannelRetention(10, TimeSpan.FromHours(1), 1_000_000));
        }

        var wide = await engine.ReadHistoryAsync(Room, afterOffset: 0);
        await engine.PublishAsync(Room, null, Data(5), new ChannelRetention(2, TimeSpan.FromHours(1), 1_000_000));
        var narrow = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Equal([1, 2, 3, 4, 5], wide.Publications.Select(p => p.Offset));
        Assert.Equal([5, 6], narrow.Publications.Select(p => p.Offset));
        Assert.False(narrow.Complete);
    }

    [Fact]
    public async Task ArchivedChannel_TheBrokerHoldsNoSeedOf_IsRefusedNotGivenANewEpoch_AndOnceSeededContinues()
    {
        var engine = Engine();
        var archived = new ChannelRetention(10, TimeSpan.FromHours(1), 1_000_000, Archived: true);

        await Assert.ThrowsAsync<UnseededChannelException>(() => engine.PublishAsync(Room, null, Data(1), archived).AsTask());
        await Assert.ThrowsAsync<UnseededChannelException>(() => engine.ReadSeededHistoryAsync(Room, 0).AsTask());
        await engine.SeedChannelAsync(Room, "from-the-database", 7);
        var published = await engine.PublishAsync(Room, null, Data(8), archived);
        var history = await engine.ReadSeededHistoryAsync(Room, 0);

        Assert.Equal(("from-the-database", 8L), (published.Epoch, published.Offset));
        Assert.Equal(("from-the-database", 8L), (history.Epoch, history.LatestOffset));
        Assert.Equal([8L], history.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task ReadHistoryAsync_AfterThePublicationsRetainedAgePassed_TrimsThemByTheAgeTheyCameWith()
    {
        var engine = Engine();
        await engine.PublishAsync(Room, null, Data(1), new ChannelRetention(10, TimeSpan.FromMilliseconds(300), 1_000_000));
        await engine.PublishAsync(Room, null, Data(2), new ChannelRetention(10, TimeSpan.FromMilliseconds(300), 1_000_000));
        Assert.Equal(2, (await engine.ReadHistoryAsync(Room, afterOffset: 0)).Publications.Count);

        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Empty(history.Publications);
        Assert.Equal(2, history.LatestOffset);
        Assert.False(history.Complete);
    }

    [Theory]
    [InlineData(1, new long[] { 2, 3, 4 })]
    [InlineData(3, new long[] { 4 })]
    [InlineData(4, new long[0])]
    public async Task ReadHistoryAsync_AfterAnOffsetWhoseSuccessorsAreKept_ReturnsExactlyTheLaterOnesAndIsComplete(long afterOffset, long[] expected)
    {
        var engine = KeepingLast(3);
        await engine.PublishNumbersAsync(Room, 4);

        var history = await engine.ReadHistoryAsync(Room, afterOffset);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.Equal(4, history.LatestOffset);
        Assert.True(history.Complete);
    }

    [Fact]
    public async Task ReadHistoryAsync_PastTheHistoryBytes_KeepsTheNewestThatFitAndIsIncomplete()
    {
        // Each payload is a 1,000-character string: 1,002 bytes of JSON; 3,500 bytes hold three.
        var engine = Engine(o => o.Engine.HistoryMaxBytes = 3_500);
        var payload = new string('x', 1_000);
        for (var i = 0; i < 5; i++)
        {
            await engine.PublishAsync(Room, null, Data(payload));
        }

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);
        var fromTwo = await engine.ReadHistoryAsync(Room, afterOffset: 2);

        Assert.Equal([3, 4, 5], history.Publications.Select(p => p.Offset));
        Assert.False(history.Complete);
        Assert.True(fromTwo.Complete);
    }

    [Fact]
    public async Task ReadHistoryAsync_ChannelRuleHistoryBytes_OverrideTheEngineDefault()
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistoryMaxBytes = 2_100 });
        var room = Room with { Name = "room:1" };
        var payload = new string('x', 1_000);
        for (var i = 0; i < 4; i++)
        {
            await engine.PublishAsync(room, null, Data(payload));
            await engine.PublishAsync(Room, null, Data(payload));
        }

        Assert.Equal([3, 4], (await engine.ReadHistoryAsync(room, afterOffset: 0)).Publications.Select(p => p.Offset));
        Assert.Equal(4, (await engine.ReadHistoryAsync(Room, afterOffset: 0)).Publications.Count);
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
    public async Task ReadHistoryAsync_Publications_CarryWhatWasPublished()
    {
        var engine = Engine();
        var published = await engine.PublishAsync(Room, "client-1", Data("hello"));

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        var kept = Assert.Single(history.Publications);
        Assert.Equal((published.Id, "hello", "client-1", Room), (kept.Id, kept.Data.GetString(), kept.From, kept.Channel));
        Assert.Equal(published.Epoch, kept.Epoch);
        Assert.Equal(published.Epoch, history.Epoch);
    }

    [Theory]
    [InlineData(2, new long[] { 1, 2 }, true)]
    [InlineData(3, new long[] { 2, 3 }, false)]
    public async Task ReadHistoryAsync_ChannelRuleHistorySize_AppliesToItsChannelsOnly(int published, long[] expectedInRoom, bool roomComplete)
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistorySize = 2 });
        var room = Room with { Name = "room:1" };
        var lobby = Room with { Name = "lobby" };
        await engine.PublishNumbersAsync(room, published);
        await engine.PublishNumbersAsync(lobby, published);

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
        await engine.PublishNumbersAsync(room, 3);

        var fromZero = await engine.ReadHistoryAsync(room, afterOffset: 0);
        var fromOne = await engine.ReadHistoryAsync(room, afterOffset: 1);

        Assert.False(fromZero.Complete);
        Assert.True(fromOne.Complete);
        Assert.Equal([2, 3], fromOne.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task PublishAsync_SeveralSubscribers_EachSeesTheSamePublicationsInOffsetOrder()
    {
        var engine = Engine();
        var subscribers = Enumerable.Range(0, 3).Select(_ => new RecordingSubscriber()).ToArray();
        foreach (var subscriber in subscribers)
        {
            await engine.SubscribeAsync(Room, subscriber);
        }

        var published = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            published.Add((await engine.PublishAsync(Room, null, Data(i))).Id);
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber.WaitForPublicationsAsync(20);
            Assert.Equal(published, subscriber.Received.Select(p => p.Id));
            Assert.Equal(Enumerable.Range(1, 20).Select(o => (long)o), subscriber.Offsets);
            Assert.Equal(Enumerable.Range(0, 20), subscriber.Received.Select(p => p.Data.GetInt32()));
        }
    }

    [Fact]
    public async Task SubscribeAsync_AfterEarlierPublications_ReceivesOnlyNewOnes()
    {
        var engine = Engine();
        await engine.PublishNumbersAsync(Room, 2);
        var subscriber = new RecordingSubscriber();

        await engine.SubscribeAsync(Room, subscriber);
        await engine.PublishNumbersAsync(Room, 1);
        await subscriber.WaitForPublicationsAsync(1);

        Assert.Equal([3], subscriber.Offsets);
    }

    [Fact]
    public async Task SubscribeAsync_Disposed_ReceivesNoMore()
    {
        var engine = Engine();
        var stopped = new RecordingSubscriber();
        var staying = new RecordingSubscriber();
        var subscription = await engine.SubscribeAsync(Room, stopped);
        await engine.SubscribeAsync(Room, staying);
        await engine.PublishNumbersAsync(Room, 1);
        await stopped.WaitForPublicationsAsync(1);

        await subscription.DisposeAsync();
        await engine.PublishNumbersAsync(Room, 2);
        await staying.WaitForPublicationsAsync(3);

        Assert.Equal([1], stopped.Offsets);
        Assert.Equal([1, 2, 3], staying.Offsets);
    }

    [Fact]
    public async Task PublishAsync_WithExclude_DeliveredAndKeptNamingTheExcludedClients()
    {
        // The engine carries the exclude list to every node; the receiving client's subscription drops it.
        var (engine, subscriber) = await SubscribedToRoomAsync();

        await engine.PublishAsync(Room, "client-1", Data(0), exclude: ["client-1", "client-3"]);
        await engine.PublishAsync(Room, "client-1", Data(1), exclude: []);
        await subscriber.WaitForPublicationsAsync(2);
        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        foreach (var publications in new[] { subscriber.Received, history.Publications })
        {
            Assert.Equal(2, publications.Count);
            Assert.True(publications[0].Excludes("client-1"));
            Assert.True(publications[0].Excludes("client-3"));
            Assert.False(publications[0].Excludes("client-2"));
            Assert.Null(publications[1].Exclude);
        }
    }

    [Fact]
    public async Task PublishAsync_ConcurrentPublishers_OffsetsOneToNAndEverySubscriberSeesThemInOrder()
    {
        const int Publishers = 8;
        const int PerPublisher = 1_000;
        const int Total = Publishers * PerPublisher;
        var engine = KeepingLast(10);
        var first = new RecordingSubscriber();
        var second = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, first);
        await engine.SubscribeAsync(Room, second);

        using var start = new ManualResetEventSlim();
        var publishers = Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            start.Wait();
            var offsets = new List<long>(PerPublisher);
            for (var i = 0; i < PerPublisher; i++)
            {
                offsets.Add((await engine.PublishAsync(Room, $"publisher-{p}", Data(i))).Offset);
            }

            return offsets;
        })).ToArray();
        start.Set();
        var returned = (await Task.WhenAll(publishers)).SelectMany(o => o).Order();
        await first.WaitForPublicationsAsync(Total);
        await second.WaitForPublicationsAsync(Total);

        var expected = Enumerable.Range(1, Total).Select(o => (long)o).ToArray();
        Assert.Equal(expected, returned);
        Assert.Equal(expected, first.Offsets);
        Assert.Equal(expected, second.Offsets);
        Assert.All(Enumerable.Range(0, Publishers), p => Assert.Equal(PerPublisher, first.Received.Count(r => r.From == $"publisher-{p}")));
        Assert.Equal(Total, (await engine.ReadHistoryAsync(Room, afterOffset: 0)).LatestOffset);
    }

    [Fact]
    public async Task JoinPresenceAsync_JoinUpdateLeave_SubscribersSeeEachInOrder()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        await engine.JoinPresenceAsync(Room, Member("client-2", "Bob"));
        await engine.JoinPresenceAsync(Room, Member("client-1", "Annie"));
        await engine.LeavePresenceAsync(Room, "client-1");
        await subscriber.WaitForPresenceAsync(4);

        Assert.Equal(
            [("join", "client-1", "Ann"), ("join", "client-2", "Bob"), ("update", "client-1", "Annie"), ("leave", "client-1", "Annie")],
            subscriber.Presence.Select(e => (e.Action, e.Member.ClientId, e.Member.Info.GetString())));
        Assert.All(subscriber.Presence, e => Assert.Equal(Room, e.Channel));
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
        await engine.JoinPresenceAsync(Room, Member("client-3", "Cy"));
        await subscriber.WaitForPresenceAsync(3);

        Assert.Equal(
            [("join", "client-1"), ("join", "client-2"), ("join", "client-3")],
            subscriber.Presence.Select(e => (e.Action, e.Member.ClientId)));
        Assert.Equal(3, (await engine.GetPresenceAsync(Room)).Count);
    }

    [Fact]
    public async Task JoinPresenceAsync_SameInfoAnotherUser_IsAnUpdate()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann") with { UserId = "user-9" });
        await subscriber.WaitForPresenceAsync(2);

        Assert.Equal(["join", "update"], subscriber.Presence.Select(e => e.Action));
        Assert.Equal("user-9", Assert.Single(await engine.GetPresenceAsync(Room)).UserId);
    }

    [Fact]
    public async Task LeavePresenceAsync_NonMember_EmitsNothing()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        await engine.LeavePresenceAsync(Room, "client-2");
        await engine.LeavePresenceAsync(Room with { Name = "never-used" }, "client-1");
        await engine.LeavePresenceAsync(Room, "client-1");
        await subscriber.WaitForPresenceAsync(2);

        Assert.Equal([("join", "client-1"), ("leave", "client-1")], subscriber.Presence.Select(e => (e.Action, e.Member.ClientId)));
        Assert.Empty(await engine.GetPresenceAsync(Room));
    }

    [Fact]
    public async Task GetPresenceAsync_ChannelWithSubscribersButNoPresence_IsEmptyAndLeavingEmitsNothing()
    {
        var (engine, subscriber) = await SubscribedToRoomAsync();
        await engine.PublishNumbersAsync(Room, 1);

        await engine.LeavePresenceAsync(Room, "client-1");

        Assert.Empty(await engine.GetPresenceAsync(Room));

        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));
        await subscriber.WaitForPresenceAsync(1);
        Assert.Equal("join", Assert.Single(subscriber.Presence).Action);
        Assert.Single(await engine.GetPresenceAsync(Room));
    }

    [Fact]
    public async Task JoinPresenceAsync_SameChannelNameInTwoApplications_Isolated()
    {
        var engine = Engine();
        var otherApplicationsRoom = Room with { ApplicationId = "app-b" };
        var otherSubscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(otherApplicationsRoom, otherSubscriber);
        await engine.JoinPresenceAsync(Room, Member("client-1", "Ann"));

        await engine.JoinPresenceAsync(otherApplicationsRoom, Member("client-2", "Bob"));
        await otherSubscriber.WaitForPresenceAsync(1);

        Assert.Equal("client-2", Assert.Single(otherSubscriber.Presence).Member.ClientId);
        Assert.Equal(["client-2"], (await engine.GetPresenceAsync(otherApplicationsRoom)).Select(m => m.ClientId));
        Assert.Equal(["client-1"], (await engine.GetPresenceAsync(Room)).Select(m => m.ClientId));
    }

    [Fact]
    public async Task AddMembershipAsync_Twice_AddsOnceAndReportsOnlyTheFirst()
    {
        var engine = Engine();

        var first = await engine.AddMembershipAsync("app-a", "client-1", "room:2", Retention);
        var again = await engine.AddMembershipAsync("app-a", "client-1", "room:2", Retention);
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", Retention);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(["room:1", "room:2"], (await engine.GetMembershipsAsync("app-a", "client-1")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveMembershipAsync_Twice_RemovesOnceAndReportsOnlyTheFirst()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", Retention);
        await engine.AddMembershipAsync("app-a", "client-1", "room:2", Retention);

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
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", Retention);

        await engine.RemoveMembershipAsync("app-a", "client-1", "room:1");
        var emptied = await engine.GetMembershipsAsync("app-a", "client-1");
        var readded = await engine.AddMembershipAsync("app-a", "client-1", "room:1", Retention);

        Assert.Empty(emptied);
        Assert.True(readded);
        Assert.False(await engine.RemoveMembershipAsync("app-a", "client-2", "room:1"));
    }

    [Fact]
    public async Task AddMembershipAsync_SameClientIdInTwoApplicationsOrTwoClients_Isolated()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", Retention);

        Assert.True(await engine.AddMembershipAsync("app-b", "client-1", "room:1", Retention));
        Assert.False(await engine.RemoveMembershipAsync("app-a", "client-2", "room:1"));
        Assert.True(await engine.RemoveMembershipAsync("app-b", "client-1", "room:1"));

        Assert.Equal(["room:1"], await engine.GetMembershipsAsync("app-a", "client-1"));
        Assert.Empty(await engine.GetMembershipsAsync("app-b", "client-1"));
        Assert.Empty(await engine.GetMembershipsAsync("app-a", "client-2"));
    }

    [Fact]
    public async Task Memberships_NotRetained_AreGoneAfterTheirRetention()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", TimeSpan.FromMilliseconds(300));
        Assert.Equal(["room:1"], await engine.GetMembershipsAsync("app-a", "client-1"));

        await WaitUntilAsync(async () => (await engine.GetMembershipsAsync("app-a", "client-1")).Count == 0);

        Assert.False(await engine.RemoveMembershipAsync("app-a", "client-1", "room:1"));
        Assert.True(await engine.AddMembershipAsync("app-a", "client-1", "room:2", Retention));
        Assert.Equal(["room:2"], await engine.GetMembershipsAsync("app-a", "client-1"));
    }

    [Fact]
    public async Task RetainMemberships_KeepsThemPastTheirFirstRetention()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-1", "room:1", TimeSpan.FromMilliseconds(300));
        await engine.AddMembershipAsync("app-a", "client-2", "room:1", TimeSpan.FromMilliseconds(300));

        await engine.RetainMembershipsAsync([new ClientMemberships("app-a", "client-1", [])], Retention);
        await WaitUntilAsync(async () => (await engine.GetMembershipsAsync("app-a", "client-2")).Count == 0);

        Assert.Equal(["room:1"], await engine.GetMembershipsAsync("app-a", "client-1"));
    }

    [Fact]
    public async Task RetainMemberships_ManyClients_WritesTheMissingOnesAgain_AndReportsEachClientsAdded()
    {
        var engine = Engine();
        await engine.AddMembershipAsync("app-a", "client-0", "room:1", Retention);
        var clients = Enumerable.Range(0, 600)
            .Select(i => new ClientMemberships(i % 2 == 0 ? "app-a" : "app-b", $"client-{i}", i % 3 == 0 ? [] : ["room:1", $"room:{i}"]))
            .ToList();
        clients[0] = clients[0] with { Channels = ["room:1", "room:x"] };

        var added = await engine.RetainMembershipsAsync(clients, Retention);

        Assert.Equal(600, added.Count);
        Assert.Equal(["room:x"], added[0]);   // room:1 was there already
        Assert.Empty(added[3]);
        Assert.Equal(["room:1", "room:7"], added[7]);
        Assert.Equal(["room:1", "room:7"], await engine.GetMembershipsAsync("app-b", "client-7"));
        Assert.Empty(await engine.GetMembershipsAsync("app-a", "client-7"));
        Assert.Equal(["room:1", "room:x"], await engine.GetMembershipsAsync("app-a", "client-0"));

        Assert.All(await engine.RetainMembershipsAsync(clients, Retention), Assert.Empty);
    }

    [Fact]
    public async Task ReserveChannelAsync_AtTheCap_RefusesNewChannelsOnly_PerApplication()
    {
        var engine = Engine();

        Assert.True(await engine.ReserveChannelAsync(Room with { Name = "room:1" }, maxPerApplication: 2));
        Assert.True(await engine.ReserveChannelAsync(Room with { Name = "room:2" }, maxPerApplication: 2));
        Assert.False(await engine.ReserveChannelAsync(Room with { Name = "room:3" }, maxPerApplication: 2));
        Assert.True(await engine.ReserveChannelAsync(Room with { Name = "room:1" }, maxPerApplication: 2));
        Assert.True(await engine.ReserveChannelAsync(new ChannelKey("app-b", "room:3"), maxPerApplication: 2));
        Assert.True(await engine.ReserveChannelAsync(ChannelKey.ForClient("app-a", "client-1"), maxPerApplication: 2));
    }

    [Fact]
    public async Task ForgetIfIdleAsync_SeededChannel_OnlyWhenUnusedAndPersisted_ThenContinuesItsOffsets()
    {
        var engine = Engine();
        await engine.SeedChannelAsync(Room, "archived", latestOffset: 10);
        var subscriber = new RecordingSubscriber();
        var subscription = await engine.SubscribeAsync(Room, subscriber);
        await engine.PublishAsync(Room, null, Data(11));

        Assert.False(await engine.ForgetIfIdleAsync(Room, persistedOffset: 11)); // subscribed
        await subscription.DisposeAsync();
        Assert.False(await engine.ForgetIfIdleAsync(Room, persistedOffset: 10)); // offset 11 not written yet
        Assert.True(await engine.ForgetIfIdleAsync(Room, persistedOffset: 11));

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 11);
        var next = await engine.PublishAsync(Room, null, Data(12));
        Assert.Equal(("archived", 12L), (next.Epoch, next.Offset));
    }

    [Fact]
    public async Task SeedChannelAsync_AfterAReservationOnly_TakesTheSeed()
    {
        var engine = Engine();
        await engine.ReserveChannelAsync(Room, maxPerApplication: 10);

        await engine.SeedChannelAsync(Room, "archived", latestOffset: 7);
        var next = await engine.PublishAsync(Room, null, Data(8));

        Assert.Equal(("archived", 8L), (next.Epoch, next.Offset));
    }

    [Fact]
    public async Task ForgetIfIdleAsync_ChannelThatIsNotSeeded_IsKept()
    {
        var engine = Engine();
        await engine.PublishAsync(Room, null, Data(1));

        Assert.False(await engine.ForgetIfIdleAsync(Room, persistedOffset: 1));
        Assert.Equal(1, (await engine.ReadHistoryAsync(Room, afterOffset: 0)).LatestOffset);
    }

    // Expiry is the engine's own clock (Redis's for a Redis engine): wait for it, within a bound.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(50);
        }
    }

    private TestEngine Engine(Action<TestOptions>? configure = null)
    {
        var options = new TestOptions();
        configure?.Invoke(options);
        return CreateEngine(options);
    }

    private static JsonElement Data<T>(T value) => JsonSerializer.SerializeToElement(value);

    private TestEngine KeepingLast(int count) => Engine(o => o.Engine.HistorySize = count);

    private TestEngine WithRoomRule(ChannelRuleOptions rule) =>
        Engine(o => o.Applications[Room.ApplicationId] = new ApplicationOptions { Channels = [rule] });

    private async Task<(TestEngine Engine, RecordingSubscriber Subscriber)> SubscribedToRoomAsync()
    {
        var engine = Engine();
        var subscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(Room, subscriber);
        return (engine, subscriber);
    }

    private static PresenceMember Member(string clientId, string name) => new(clientId, UserId: null, Data(name));
}
