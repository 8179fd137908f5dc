using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>
/// What the Redis engine does beyond the contract (<see cref="RedisEngineContractTests"/>): several
/// nodes (engines with one prefix) share channels; a node subscribes once per channel; what pub/sub
/// loses is filled from the stream; a dead node's members leave; Redis going away is an error, never
/// a silent loss, and a channel Redis lost starts a new epoch.
/// </summary>
public sealed class RedisEngineTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly ChannelKey Room = new("app-a", "room");

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task PublishAsync_OnEitherNode_EveryNodesSubscribersSeeOneOrder()
    {
        var (a, b) = (Node(), Node());
        var onA = new RecordingSubscriber();
        var onB = new RecordingSubscriber();
        await a.SubscribeAsync(Room, onA);
        await b.SubscribeAsync(Room, onB);

        for (var i = 0; i < 10; i++)
        {
            await (i % 2 == 0 ? a : b).PublishAsync(Room, null, Data(i));
        }

        await onA.WaitForPublicationsAsync(10);
        await onB.WaitForPublicationsAsync(10);
        Assert.Equal(Enumerable.Range(1, 10).Select(o => (long)o), onA.Offsets);
        Assert.Equal(onA.Received.Select(p => p.Id), onB.Received.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(0, 10), onB.Received.Select(p => p.Data.GetInt32()));
    }

    [Fact]
    public async Task SubscribeAsync_ManySubscribersOnANode_OneRedisSubscriptionForTheChannel()
    {
        var node = Node();
        var subscribers = Enumerable.Range(0, 50).Select(_ => new RecordingSubscriber()).ToArray();
        var subscriptions = new List<IAsyncDisposable>();
        foreach (var subscriber in subscribers)
        {
            subscriptions.Add(await node.SubscribeAsync(Room, subscriber));
        }

        Assert.Equal(1, await SubscriptionsInRedisAsync(Room));
        await node.PublishAsync(Room, null, Data(1));
        foreach (var subscriber in subscribers)
        {
            await subscriber.WaitForPublicationsAsync(1);
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }

        Assert.Equal(0, await SubscriptionsInRedisAsync(Room));
    }

    [Fact]
    public async Task RunChecksAsync_LastPublicationLostByPubSub_DeliveredFromTheStream()
    {
        var node = Node();
        var subscriber = new RecordingSubscriber();
        await node.SubscribeAsync(Room, subscriber);
        await node.PublishAsync(Room, null, Data(1));
        await subscriber.WaitForPublicationsAsync(1);

        // A publication whose pub/sub message never reaches this node, and nothing after it.
        await PublishUnannouncedAsync(Room, 2);
        await node.RunChecksAsync(CancellationToken.None); // sees it behind: might be in flight
        Assert.Equal([1], subscriber.Offsets);
        await node.RunChecksAsync(CancellationToken.None); // still behind: fills it

        await subscriber.WaitForPublicationsAsync(2);
        Assert.Equal([1, 2], subscriber.Offsets);
        Assert.Equal(2, subscriber.Received[1].Data.GetInt32());
    }

    [Fact]
    public async Task RunChecksAsync_ManyChannels_ReadsTheirPositionsAFewCommandsAtATime_AndStillFillsALostLastOne()
    {
        var node = Node();
        var channels = Enumerable.Range(0, RedisHub.PositionBatch + 44).Select(i => new ChannelKey("app-a", $"personal-{i}")).ToArray();
        var subscribers = channels.Select(_ => new RecordingSubscriber()).ToArray();
        for (var i = 0; i < channels.Length; i++)
        {
            await node.SubscribeAsync(channels[i], subscribers[i]);
        }

        // A lost last publication in a channel of the second batch.
        var last = channels.Length - 1;
        await PublishUnannouncedAsync(channels[last], 7);
        var before = node.OperationsSent;
        await node.RunChecksAsync(CancellationToken.None);
        var commands = node.OperationsSent - before;
        await node.RunChecksAsync(CancellationToken.None);

        await subscribers[last].WaitForPublicationsAsync(1);
        Assert.Equal(7, subscribers[last].Received[0].Data.GetInt32());
        Assert.All(subscribers[..last], s => Assert.Empty(s.Received));

        // Two position reads, three presence expiries (128 channels each: the presence store cannot
        // tell which channels have presence, and framework channels, $…, which never do, are not
        // checked) and the node's own few (heartbeat, channel count): not one per channel (the node
        // sent one per channel before).
        Assert.InRange(commands, 2, 15);
    }

    [Fact]
    public async Task RunChecksAsync_AfterTheFirst_ReadsOnlyChannelsPublishedSince_AndStillFillsALostLastOne()
    {
        var node = Node();
        var channels = Enumerable.Range(0, 300).Select(i => new ChannelKey("app-a", $"quiet-{i}")).ToArray();
        var subscribers = channels.Select(_ => new RecordingSubscriber()).ToArray();
        for (var i = 0; i < channels.Length; i++)
        {
            await node.SubscribeAsync(channels[i], subscribers[i]);
        }

        await node.RunChecksAsync(CancellationToken.None);   // the first reads every channel
        await PublishUnannouncedAsync(channels[123], 5);

        var before = await HashReadsAsync();
        await node.RunChecksAsync(CancellationToken.None);   // sees quiet-123 behind
        var read = await HashReadsAsync() - before;
        await node.RunChecksAsync(CancellationToken.None);   // still behind: fills it

        await subscribers[123].WaitForPublicationsAsync(1);
        Assert.Equal(5, subscribers[123].Received[0].Data.GetInt32());
        Assert.Equal(1, read);   // the one channel published since, not all 300
    }

    [Fact]
    public async Task PublishAsync_AfterOneLostByPubSub_TheMissingOneIsDeliveredFirst()
    {
        var node = Node();
        var subscriber = new RecordingSubscriber();
        await node.SubscribeAsync(Room, subscriber);
        await node.PublishAsync(Room, null, Data(1));

        await PublishUnannouncedAsync(Room, 2);
        await node.PublishAsync(Room, null, Data(3));

        await subscriber.WaitForPublicationsAsync(3);
        Assert.Equal([1, 2, 3], subscriber.Offsets);
    }

    [Fact]
    public async Task Presence_NodeThatStopsRefreshing_ItsMembersLeaveForTheOtherNodes()
    {
        var dying = Node(presenceTtl: TimeSpan.FromSeconds(1));
        var living = Node(presenceTtl: TimeSpan.FromSeconds(1));
        var watcher = new RecordingSubscriber();
        await living.SubscribeAsync(Room, watcher);
        await dying.JoinPresenceAsync(Room, Member("client-on-dead-node"));
        await living.JoinPresenceAsync(Room, Member("client-on-live-node"));
        await watcher.WaitForPresenceAsync(2);

        // The dying node refreshes nothing from now on; the living one keeps checking.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (watcher.Presence.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "No leave within 10 s.");
            await living.RunChecksAsync(CancellationToken.None);
            await Task.Delay(200);
        }

        var leave = watcher.Presence[2];
        Assert.Equal(("leave", "client-on-dead-node"), (leave.Action, leave.Member.ClientId));
        Assert.Equal(["client-on-live-node"], (await living.GetPresenceAsync(Room)).Select(m => m.ClientId));
    }

    [Fact]
    public async Task Presence_NodeBackAfterItsMembersExpired_JoinsThemAgain()
    {
        var node = Node(presenceTtl: TimeSpan.FromSeconds(1));
        var other = Node(presenceTtl: TimeSpan.FromSeconds(1));
        await node.JoinPresenceAsync(Room, Member("client-1"));
        await Task.Delay(1_300);
        Assert.Empty(await other.GetPresenceAsync(Room));

        await node.RunChecksAsync(CancellationToken.None);

        Assert.Equal(["client-1"], (await other.GetPresenceAsync(Room)).Select(m => m.ClientId));
    }

    [Fact]
    public async Task Presence_ManyMembersOnANode_RefreshedAFewCommandsAtATime_ExpiredOnesJoinAgain()
    {
        var node = Node(presenceTtl: TimeSpan.FromSeconds(1));
        var other = Node(presenceTtl: TimeSpan.FromSeconds(1));
        var clients = Enumerable.Range(0, RedisPresenceStore.RefreshBatch + 44).Select(i => $"client-{i:000}").ToArray();
        foreach (var client in clients)
        {
            await node.JoinPresenceAsync(Room, Member(client));
        }

        await Task.Delay(1_300);
        Assert.Empty(await other.GetPresenceAsync(Room));
        var watcher = new RecordingSubscriber();
        await other.SubscribeAsync(Room, watcher);

        var before = node.OperationsSent;
        await node.RunChecksAsync(CancellationToken.None);
        var commands = node.OperationsSent - before;

        Assert.Equal(clients, (await other.GetPresenceAsync(Room)).Select(m => m.ClientId).Order(StringComparer.Ordinal));
        await watcher.WaitForPresenceAsync(clients.Length);
        Assert.All(watcher.Presence, e => Assert.Equal("join", e.Action));

        // Two refreshes and the node's own few (positions, heartbeat, channel count): not one per member.
        Assert.InRange(commands, 2, 12);

        // Refreshing members that are still there announces nothing.
        await node.RunChecksAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Equal(clients.Length, watcher.Presence.Count);
    }

    [Fact]
    public async Task ListNodesAsync_AfterChecks_ListsEveryNodeThisOneFirst_WithItsClients()
    {
        var (a, b) = (Node(), Node());

        await a.RunChecksAsync(CancellationToken.None, clients: 3);
        await b.RunChecksAsync(CancellationToken.None, clients: 5);
        var fromA = await a.ListNodesAsync(ownClients: 4);

        Assert.Equal([a.NodeId, b.NodeId], fromA.Select(n => n.Id));
        Assert.Equal([(true, 4, true), (false, 5, true)], fromA.Select(n => (n.IsThisNode, n.Clients, n.Up)));
        Assert.All(fromA, n => Assert.Equal(Environment.MachineName, n.Machine));
    }

    [Fact]
    public async Task PublishAsync_RedisDown_FailsAsUnavailable_ThenAfterARestartWithoutDataANewEpochReachesSubscribers()
    {
        var node = Node();
        var subscriber = new RecordingSubscriber();
        await node.SubscribeAsync(Room, subscriber);
        var before = await node.PublishAsync(Room, null, Data(1));
        await subscriber.WaitForPublicationsAsync(1);

        var health = new Thywill.Blazor.Hosting.Health.EngineHealthCheck(node.Services, node.Options);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await redis.Server.KillAsync();
        var failure = await Assert.ThrowsAsync<RpcException>(() => node.PublishAsync(Room, null, Data(2)).AsTask());
        Assert.Equal(ErrorCodes.Unavailable, failure.Code);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        await redis.Server.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Publication? after = null;
        while (after is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The node did not reach Redis again within 20 s.");
            try
            {
                after = await node.PublishAsync(Room, null, Data(3));
            }
            catch (RpcException e) when (e.Code == ErrorCodes.Unavailable)
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

        // Redis lost the channel: offsets start again in a new epoch, never continuing the old one.
        Assert.NotEqual(before.Epoch, after.Epoch);
        Assert.Equal(1, after.Offset);

        // The node subscribed again by itself; its subscriber sees the new epoch (at once or by the checks).
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (!subscriber.Received.Any(p => p.Epoch == after.Epoch))
        {
            Assert.True(DateTime.UtcNow < deadline, "The subscriber saw nothing of the new epoch within 20 s.");
            await node.RunChecksAsync(CancellationToken.None);
            await Task.Delay(200);
        }

        Assert.Equal([(before.Epoch, 1L), (after.Epoch, 1L)], subscriber.Received.Select(p => (p.Epoch, p.Offset)));
    }

    [Fact]
    public async Task PublishAsync_RedisPaused_FailsAsUnavailableWithinTheCommandTimeout_ThenWorksAgain()
    {
        var node = redis.CreateEngine(TestOptions.With(o => o.Engine.Redis.CommandTimeout = TimeSpan.FromMilliseconds(500)), _prefix);
        await node.PublishAsync(Room, null, Data(1));

        Assert.Equal("+OK", await redis.Server.CommandAsync("CLIENT", "PAUSE", "3000", "ALL"));
        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<RpcException>(() => node.PublishAsync(Room, null, Data(2)).AsTask());
        var waited = DateTime.UtcNow - started;
        Assert.Equal(ErrorCodes.Unavailable, failure.Code);
        Assert.True(waited < TimeSpan.FromSeconds(2.5), $"The publish waited {waited} for a paused Redis.");

        await redis.Server.CommandAsync("CLIENT", "UNPAUSE");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Publication? after = null;
        while (after is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The engine did not work again within 10 s of the pause.");
            try
            {
                after = await node.PublishAsync(Room, null, Data(3));
            }
            catch (RpcException e) when (e.Code == ErrorCodes.Unavailable)
            {
                await Task.Delay(100);
            }
        }

        // The timed-out command was sent before it timed out, so Redis may still have run it:
        // "unavailable" means "not confirmed", and offsets stay gap-free either way.
        var history = await node.ReadHistoryAsync(Room, 0);
        Assert.Equal(Enumerable.Range(1, history.Publications.Count).Select(o => (long)o), history.Publications.Select(p => p.Offset));
        Assert.Equal(3, history.Publications[^1].Data.GetInt32());
    }

    [Fact]
    public async Task Checks_RedisPausedPastTheCommandTimeout_KeepRunning_AndFillALostLastPublicationAfterwards()
    {
        // A Redis timeout is not a RedisException: once it escaped and ended the checks for good,
        // after which no lost trailing publication was ever filled again.
        var options = TestOptions.With(o =>
        {
            o.Engine.Redis.CommandTimeout = TimeSpan.FromMilliseconds(300);
            o.Engine.Redis.CheckInterval = TimeSpan.FromMilliseconds(200);
        });
        var node = redis.CreateEngine(options, _prefix);
        using var checks = new RedisEngineChecks(node.Services, new FakeClientDirectory(), Microsoft.Extensions.Options.Options.Create(redis.EngineOptions(options, _prefix)), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisEngineChecks>.Instance);
        var subscriber = new RecordingSubscriber();
        await node.SubscribeAsync(Room, subscriber);
        await node.PublishAsync(Room, null, Data(1));
        await subscriber.WaitForPublicationsAsync(1);
        await checks.StartAsync(CancellationToken.None);

        Assert.Equal("+OK", await redis.Server.CommandAsync("CLIENT", "PAUSE", "2000", "ALL"));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the checks' commands time out meanwhile
        await PublishUnannouncedAsync(Room, 2);

        await subscriber.WaitForPublicationsAsync(2);
        Assert.Equal([1, 2], subscriber.Offsets);
        Assert.False(checks.ExecuteTask!.IsCompleted, checks.ExecuteTask.Exception?.ToString());
        await checks.StopAsync(CancellationToken.None);
    }

    private RedisTestNode Node(TimeSpan? presenceTtl = null) =>
        redis.CreateEngine(TestOptions.With(o => o.Engine.Redis.PresenceTtl = presenceTtl ?? TimeSpan.FromSeconds(15)), _prefix);

    private async Task<long> SubscriptionsInRedisAsync(ChannelKey channel)
    {
        var reply = await redis.Server.CommandAsync("PUBSUB", "NUMSUB", new RedisKeys(_prefix).PubSub(channel).ToString());
        return long.Parse(reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    // The engine's own publish script, announcing on a pub/sub channel nobody listens to: what a
    // message lost between Redis and this node looks like.
    private async Task PublishUnannouncedAsync(ChannelKey channel, int value)
    {
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var keys = new RedisKeys(_prefix);
        var body = RedisWire.WriteBody(Guid.NewGuid().ToString("N"), null, DateTimeOffset.UtcNow, null, Data(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await multiplexer.GetDatabase().ScriptEvaluateAsync(
            RedisScripts.Publish,
            [keys.Meta(channel), keys.Stream(channel), keys.ChannelsOf(channel)],
            ["unused", body, body.Length, 1000, 1 << 20, now, now - 300_000, now + ChannelTtlMs, ChannelTtlMs, 300_000, "nowhere", channel.Name]);
    }

    // The channels' TTL every node uses (the default): a publication's time is read from it.
    private static readonly long ChannelTtlMs = (long)new Thywill.Blazor.Hosting.RedisEngineOptions().ChannelTtl.TotalMilliseconds;

    // The hashes Redis has read (HMGET, in scripts too): a position check reads one per channel.
    private async Task<long> HashReadsAsync()
    {
        var stats = await redis.Server.CommandAsync("INFO", "commandstats");
        var line = stats.Split('\n').FirstOrDefault(l => l.StartsWith("cmdstat_hmget:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split("calls=", 2)[1].Split(',', 2)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static PresenceMember Member(string clientId) => new(clientId, null, Data(clientId));

    private static JsonElement Data<T>(T value) => JsonSerializer.SerializeToElement(value);
}
