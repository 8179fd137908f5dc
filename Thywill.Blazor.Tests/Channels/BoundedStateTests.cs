using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// What the server keeps for anonymous clients is bounded and expires when nobody uses it: channel
/// state, archived channel handles, memberships, presence info; caps on channels per application and
/// members per channel refuse more with a named error. Channels in use keep their epoch and offsets.
/// </summary>
public sealed class BoundedStateTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleRetention = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AwayRetention = TimeSpan.FromHours(1);

    private readonly RecordingApplication _application = new();
    private readonly TestOptions _options = new();
    private TempDatabase _database = null!;
    private TestChannels _node = null!;

    public BoundedStateTests()
    {
        _options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels =
            [
                new() { Pattern = "room:*", Join = true, Publish = true, Presence = true },
                new() { Pattern = "log:*", Join = true, Publish = true, Archive = true },
            ],
        };
        _options.Channels.IdleRetention = IdleRetention;
        _options.Channels.MaxChannelsPerClient = 1_000;
        _options.Clients.AwayRetention = AwayRetention;
    }

    public async Task InitializeAsync()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        _database = await TempDatabase.CreateAsync(time);
        _node = new TestChannels(_application, _options, _database.Archive, time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task JoinAndLeaveRandomChannelsInALoop_LeavesNothingBehind_OnceIdle()
    {
        var client = _node.Connect();
        for (var i = 0; i < 100; i++)
        {
            foreach (var prefix in new[] { "room:", "log:" })
            {
                var channel = prefix + Guid.NewGuid().ToString("N");
                Assert.True((await _node.Operations.JoinAsync(client, channel, from: null, withHistory: false, default, CancellationToken.None)).Ok);
                Assert.True((await _node.Operations.LeaveAsync(client, channel, CancellationToken.None)).Ok);
            }
        }

        Assert.Equal(100, _node.Archived.OpenCount);
        await SweepAfterAsync(IdleRetention + TimeSpan.FromSeconds(1));

        Assert.Equal(0, _node.Memory.ChannelCountOf(_node.ApplicationId));
        Assert.Equal(0, _node.Archived.OpenCount);
        Assert.Equal(0, _node.Memberships.ClientCount);
    }

    [Fact]
    public async Task ArchivedChannelClosedWhileIdle_ContinuesItsEpochAndOffsets_AndAClientRecoversAcrossIt()
    {
        var first = await PublishAsync("log:1", 3);
        Assert.Equal(1, _node.Archived.OpenCount);

        await SweepAfterAsync(IdleRetention + TimeSpan.FromSeconds(1));
        Assert.Equal((0, 0), (_node.Archived.OpenCount, _node.Memory.ChannelCountOf(_node.ApplicationId)));

        var next = await PublishAsync("log:1", 1, firstValue: 3);
        Assert.Equal((first.Epoch, 4L), (next.Epoch, next.Offset));

        var client = _node.Connect();
        var joined = await _node.Operations.JoinAsync(client, "log:1", new ChannelPosition(first.Epoch, 2), withHistory: false, default, CancellationToken.None);
        Assert.Equal((first.Epoch, 4L), (joined.Epoch, joined.Offset));
        Assert.Equal(["3", "4", "recovered 2"], await client.Outbox.DrainDescribedAsync()); // offsets 3 and 4
    }

    [Fact]
    public async Task ChannelsInUse_AreNeverForgotten_AndKeepTheirEpochAndOffsets()
    {
        var member = _node.Connect();
        await _node.Operations.JoinAsync(member, "log:1", from: null, withHistory: false, default, CancellationToken.None);
        await _node.Operations.JoinAsync(member, "room:1", from: null, withHistory: false, default, CancellationToken.None);
        var before = new[] { await PublishAsync("log:1", 1), await PublishAsync("room:1", 1) };

        for (var round = 0; round < 3; round++)
        {
            await SweepAfterAsync(IdleRetention + TimeSpan.FromSeconds(1));
        }

        var after = new[] { await PublishAsync("log:1", 1), await PublishAsync("room:1", 1) };
        Assert.Equal(before.Select(p => (p.Epoch, p.Offset + 1)), after.Select(p => (p.Epoch, p.Offset)));
        Assert.Equal(1, _node.Archived.OpenCount);
    }

    [Fact]
    public async Task MembershipsAndInfoOfAClientThatNeverReturns_ExpireAfterTheAwayRetention_WhileAConnectedClientsStay()
    {
        var gone = _node.Connect("gone");
        var here = _node.Connect("here");
        _node.Registry.Register(here);
        foreach (var client in new[] { gone, here })
        {
            await _node.Operations.JoinAsync(client, "room:1", from: null, withHistory: false, default, CancellationToken.None);
            await _node.Service.SetClientInfoAsync(_node.ApplicationId, client.Client.ClientId, new { name = client.Client.ClientId });
        }

        // Sweep rounds every interval for longer than the away retention: the connected client is retained each time.
        for (var elapsed = TimeSpan.Zero; elapsed <= AwayRetention; elapsed += TimeSpan.FromMinutes(10))
        {
            await SweepAfterAsync(TimeSpan.FromMinutes(10));
        }

        Assert.Empty(await _node.Engine.GetMembershipsAsync(_node.ApplicationId, "gone"));
        Assert.Equal(["room:1"], await _node.Engine.GetMembershipsAsync(_node.ApplicationId, "here"));
        Assert.Equal(1, _node.Memberships.ClientCount);
        Assert.Equal(1, _node.Presence.InfoCount);
    }

    [Fact]
    public async Task Join_PastMaxChannelsPerApplication_IsRefusedChannelLimit_AndChangesNothing_ButKnownChannelsStillJoin()
    {
        _options.Channels.MaxChannelsPerApplication = 2;
        var first = _node.Connect("first");
        var other = _node.Connect("other");
        await _node.Operations.JoinAsync(first, "room:1", from: null, withHistory: false, default, CancellationToken.None);
        await _node.Operations.JoinAsync(first, "room:2", from: null, withHistory: false, default, CancellationToken.None);

        var refused = await _node.Operations.JoinAsync(other, "room:3", from: null, withHistory: false, default, CancellationToken.None);
        var known = await _node.Operations.JoinAsync(other, "room:1", from: null, withHistory: false, default, CancellationToken.None);

        Assert.Equal(ErrorCodes.ChannelLimit, refused.Code);
        Assert.True(known.Ok);
        Assert.Equal(["room:1"], await _node.Engine.GetMembershipsAsync(_node.ApplicationId, "other"));
        Assert.Equal(2, _node.Memory.ChannelCountOf(_node.ApplicationId));
    }

    [Fact]
    public async Task Join_PastMaxPresenceMembers_IsRefusedPresenceFull_AndChangesNothing()
    {
        _options.Channels.MaxPresenceMembers = 2;
        var clients = Enumerable.Range(1, 3).Select(i => _node.Connect($"client-{i}")).ToArray();
        foreach (var client in clients.Take(2))
        {
            Assert.True((await _node.Operations.JoinAsync(client, "room:1", from: null, withHistory: false, default, CancellationToken.None)).Ok);
        }

        var refused = await _node.Operations.JoinAsync(clients[2], "room:1", from: null, withHistory: false, default, CancellationToken.None);
        var again = await _node.Operations.JoinAsync(clients[0], "room:1", from: null, withHistory: false, default, CancellationToken.None);

        Assert.Equal(ErrorCodes.PresenceFull, refused.Code);
        Assert.True(again.Ok);
        Assert.Empty(await _node.Engine.GetMembershipsAsync(_node.ApplicationId, "client-3"));
        Assert.Equal(2, (await _node.Engine.GetPresenceAsync(_node.Channel("room:1"))).Count);
    }

    [Fact]
    public async Task RetentionSweep_EngineLostAConnectedClientsMemberships_WritesThemBack_AndNotTheOnesItLeft()
    {
        // As when Redis restarts empty: the session is still subscribed, the engine knows nothing.
        var client = _node.Connect();
        _node.Registry.Register(client);
        Assert.True((await _node.Operations.JoinAsync(client, "room:kept", from: null, withHistory: false, default, CancellationToken.None)).Ok);
        Assert.True((await _node.Operations.JoinAsync(client, "room:left", from: null, withHistory: false, default, CancellationToken.None)).Ok);
        Assert.True((await _node.Operations.LeaveAsync(client, "room:left", CancellationToken.None)).Ok);
        await _node.Engine.RemoveMembershipAsync(_node.ApplicationId, client.Client.ClientId, "room:kept");

        await _node.Retention.SweepAsync(CancellationToken.None);

        Assert.Equal(["room:kept"], await _node.Engine.GetMembershipsAsync(_node.ApplicationId, client.Client.ClientId));
        Assert.True((await _node.Operations.PublishAsync(client, "room:kept", JsonSerializer.SerializeToElement(1), excludeSelf: false, CancellationToken.None)).Ok);
    }

    // Time passes; then the retention sweep and the engine's sweep run, as their timers would.
    private async Task SweepAfterAsync(TimeSpan elapsed)
    {
        _node.Time.Advance(elapsed);
        await _node.Retention.SweepAsync(CancellationToken.None);
        _node.Memberships.Sweep();
        _node.Memory.Sweep();
    }

    private async Task<Publication> PublishAsync(string channel, int count, int firstValue = 0)
    {
        Publication? first = null;
        for (var i = 0; i < count; i++)
        {
            var publication = await _node.Service.PublishAsync(_node.ApplicationId, channel, JsonSerializer.SerializeToElement(firstValue + i));
            first ??= publication;
        }

        return first!;
    }
}
