using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// The server API on two nodes of one Redis: a join, leave or info set on one node for a client
/// the other holds reaches that client's live session, and no node keeps refreshing a member it
/// does not hold.
/// </summary>
public sealed class RemoteClientsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly RecordingApplication _application = new();
    private TestChannels _a = null!;
    private TestChannels _b = null!;

    public async Task InitializeAsync()
    {
        _a = Node();
        _b = Node();
        await _a.Listener.StartAsync(CancellationToken.None);
        await _b.Listener.StartAsync(CancellationToken.None);
        await _a.Listener.Listening;
        await _b.Listener.Listening;
    }

    public async Task DisposeAsync()
    {
        await _a.Listener.StopAsync(CancellationToken.None);
        await _b.Listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task JoinAsync_OnANodeThatDoesNotHoldTheClient_AttachesItsSessionOnTheOther_AndLeaveAsyncDetachesIt()
    {
        var bob = Held(_b, "bob");
        var onA = await _a.WatchAsync("room:1");

        // Bob's session enters presence once its subscription is attached: then a publication reaches it.
        await _a.Service.JoinAsync(_a.ApplicationId, "bob", "room:1");
        await onA.WaitForPresenceAsync(1);
        Assert.Contains("room:1", bob.Channels);
        await _a.Service.PublishAsync(_a.ApplicationId, "room:1", "one");
        await Eventually.Until(() => bob.Outbox.Pending >= 2, "bob's presence join and the publication");

        await _a.Service.LeaveAsync(_a.ApplicationId, "bob", "room:1");
        await Eventually.Until(() => !bob.Channels.Contains("room:1"), "bob's session detached from room:1");
        await _a.Service.PublishAsync(_a.ApplicationId, "room:1", "two");
        var watcher = await _b.WatchAsync("room:1");
        await _a.Service.PublishAsync(_a.ApplicationId, "room:1", "three");
        await watcher.WaitForPublicationsAsync(1);

        Assert.Equal(["join bob", "1"], (await bob.Outbox.DrainDescribedAsync()).Where(e => e != "leave bob"));
        Assert.Empty(await _a.Service.GetChannelsAsync(_a.ApplicationId, "bob"));
        Assert.Empty(await _a.Service.GetPresenceAsync(_a.ApplicationId, "room:1"));
    }

    [Fact]
    public async Task SetClientInfoAsync_OnANodeThatDoesNotHoldTheClient_IsSetByTheNodeThatDoes_WhichAloneRefreshesTheMember()
    {
        var bob = Held(_b, "bob");
        Assert.True((await _b.Operations.JoinAsync(bob, "room:1", from: null, withHistory: false, default, CancellationToken.None)).Ok);

        await _a.Service.SetClientInfoAsync(_a.ApplicationId, "bob", new { name = "Bob" });
        await Eventually.Until(async () => (await _a.Service.GetPresenceAsync(_a.ApplicationId, "room:1")).Any(m => m.Info.ValueKind == JsonValueKind.Object && m.Info.GetProperty("name").GetString() == "Bob"), "Bob's name in room:1's presence");

        // Bob leaves on his own node; node a's periodic work must not bring back a member it never held.
        Assert.True((await _b.Operations.LeaveAsync(bob, "room:1", CancellationToken.None)).Ok);
        await ((RedisTestNode)_a.Engine).RunChecksAsync(CancellationToken.None);
        await ((RedisTestNode)_b.Engine).RunChecksAsync(CancellationToken.None);

        Assert.Empty(await _a.Service.GetPresenceAsync(_a.ApplicationId, "room:1"));
        Assert.Equal(0, _a.Engine.PresenceCountOf(_a.ApplicationId));
    }

    [Fact]
    public async Task JoinAsync_ForAClientNoNodeHolds_IsAMembershipItFindsWhenItConnects()
    {
        await _a.Service.JoinAsync(_a.ApplicationId, "carol", "room:2");
        var carol = Held(_b, "carol");
        await _b.Operations.ResumeAsync(carol, resumed: true, new Dictionary<string, RememberedChannel>(), CancellationToken.None);

        Assert.Contains("room:2", carol.Channels);
    }

    private ClientSession Held(TestChannels node, string clientId)
    {
        var session = node.Connect(clientId);
        node.Registry.Register(session);
        return session;
    }

    private TestChannels Node()
    {
        var options = new TestOptions();
        options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels = [new() { Pattern = "room:*", Join = true, Publish = true, Presence = true }],
        };
        return new TestChannels(_application, options, redis: redis.CreateEngine(options, _prefix));
    }
}
