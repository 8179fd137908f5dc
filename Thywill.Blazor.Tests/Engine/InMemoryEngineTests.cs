using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>
/// What the single-process engine does beyond the contract (<see cref="InMemoryEngineContractTests"/>):
/// handlers run under the channel's lock in subscription order, retention by age follows the injected
/// clock, and epochs are per process.
/// </summary>
public sealed class InMemoryEngineTests
{
    private static readonly ChannelKey Room = new("app-a", "room");

    private readonly FakeTimeProvider _time = new();

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

        await engine.PublishNumbersAsync(Room, 1);
        unsubscriber.Callback = _ => { };
        await engine.PublishNumbersAsync(Room, 1);

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
        await engine.PublishNumbersAsync(Room, 1);

        Assert.Equal(Enumerable.Range(0, 100).Except([0, 1, 50, 98, 99]), order);
    }

    [Theory]
    [InlineData(60, new long[] { 1, 2 }, true)]
    [InlineData(61, new long[] { 2 }, false)]
    public async Task ReadHistoryAsync_OldestAgainstHistoryAge_KeptUpToTheAgeAndDroppedPastIt(int oldestAgeSeconds, long[] expected, bool complete)
    {
        var engine = KeepingFor(TimeSpan.FromMinutes(1));
        await engine.PublishNumbersAsync(Room, 1);
        _time.Advance(TimeSpan.FromSeconds(40));
        await engine.PublishNumbersAsync(Room, 1);
        _time.Advance(TimeSpan.FromSeconds(oldestAgeSeconds - 40));

        var history = await engine.ReadHistoryAsync(Room, afterOffset: 0);

        Assert.Equal(expected, history.Publications.Select(p => p.Offset));
        Assert.Equal(complete, history.Complete);
    }

    [Fact]
    public async Task PublishAsync_Timestamp_IsTheEngineClock()
    {
        var engine = Engine();
        var published = await engine.PublishAsync(Room, "client-1", Data("hello"));
        _time.Advance(TimeSpan.FromSeconds(5));

        var kept = Assert.Single((await engine.ReadHistoryAsync(Room, afterOffset: 0)).Publications);

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(5), published.Timestamp);
        Assert.Equal(published.Timestamp, kept.Timestamp);
    }

    [Fact]
    public async Task PublishAsync_TwoEngines_HaveDifferentEpochs()
    {
        var first = await Engine().PublishAsync(Room, null, Data(0));
        var second = await Engine().PublishAsync(Room, null, Data(0));

        Assert.NotEqual(first.Epoch, second.Epoch);
    }

    [Theory]
    [InlineData(30, new long[] { 1, 2 }, true)]
    [InlineData(31, new long[] { 2 }, false)]
    public async Task ReadHistoryAsync_ChannelRuleHistoryAge_AppliesToItsChannelsOnly(int oldestAgeSeconds, long[] expectedInRoom, bool roomComplete)
    {
        var engine = WithRoomRule(new ChannelRuleOptions { Pattern = "room:*", HistoryAge = TimeSpan.FromSeconds(30) });
        var room = Room with { Name = "room:1" };
        var lobby = Room with { Name = "lobby" };
        await engine.PublishNumbersAsync(room, 1);
        await engine.PublishNumbersAsync(lobby, 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await engine.PublishNumbersAsync(room, 1);
        await engine.PublishNumbersAsync(lobby, 1);
        _time.Advance(TimeSpan.FromSeconds(oldestAgeSeconds - 10));

        var roomHistory = await engine.ReadHistoryAsync(room, afterOffset: 0);
        var lobbyHistory = await engine.ReadHistoryAsync(lobby, afterOffset: 0);

        Assert.Equal(expectedInRoom, roomHistory.Publications.Select(p => p.Offset));
        Assert.Equal(roomComplete, roomHistory.Complete);
        Assert.Equal([1, 2], lobbyHistory.Publications.Select(p => p.Offset));
        Assert.True((await engine.ReadHistoryAsync(room, afterOffset: 1)).Complete);
    }

    [Fact]
    public async Task Presence_AChannelWhoseLastMemberLeft_TakesNoRoom_AndAnotherJoinWorksAgain()
    {
        var broker = new Thywill.Blazor.Engine.InMemory.InMemoryBroker(_time);
        var presence = new Thywill.Blazor.Engine.InMemory.InMemoryPresenceStore(broker);
        var rooms = Enumerable.Range(0, 100).Select(i => new ChannelKey("test-app", $"room:{i}")).ToArray();
        foreach (var room in rooms)
        {
            await presence.JoinPresenceAsync(room, new PresenceMember("ann", null, default));
        }

        Assert.Equal(100, presence.ChannelCount);
        foreach (var room in rooms)
        {
            await presence.LeavePresenceAsync(room, "ann");
        }

        Assert.Equal(0, presence.ChannelCount);
        await presence.JoinPresenceAsync(rooms[0], new PresenceMember("bob", null, default));
        Assert.Equal(["bob"], (await presence.GetPresenceAsync(rooms[0])).Select(m => m.ClientId));
        Assert.Equal(1, presence.PresenceCountOf("test-app"));
    }

    private TestEngine Engine(Action<TestOptions>? configure = null) =>
        TestEngine.InMemory(TestOptions.With(configure).Rules(), _time);

    private TestEngine KeepingFor(TimeSpan age) => Engine(o => o.Engine.HistoryAge = age);

    private TestEngine WithRoomRule(ChannelRuleOptions rule) =>
        Engine(o => o.Applications[Room.ApplicationId] = new ApplicationOptions { Channels = [rule] });

    private static JsonElement Data<T>(T value) => JsonSerializer.SerializeToElement(value);

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
