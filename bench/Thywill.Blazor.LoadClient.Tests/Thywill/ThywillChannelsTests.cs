using Thywill.Blazor.LoadClient.Tests.Kit;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Thywill;

/// <summary>The page's channel calls (join, leave, publish) against the Host's configuration-only relay application.</summary>
public sealed class ThywillChannelsTests(LoadTestHost host) : IClassFixture<LoadTestHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task PublishAsync_InARoom_ReachesItsOtherMembersOnceAndTheSenderOnlyWithoutExcludeSelf()
    {
        var sink = new RecordingSink();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var clients = await ConnectAsync(sink, 4, timeout.Token);
        try
        {
            var roomA = "room:a-" + Guid.NewGuid().ToString("N");
            var roomB = "room:b-" + Guid.NewGuid().ToString("N");
            var joins = new List<ChannelOutcome>();
            foreach (var (client, room) in clients.Zip([roomA, roomA, roomA, roomB]))
            {
                joins.Add(await client.JoinAsync(room, history: true, """{"name":"m"}""", timeout.Token));
            }

            Assert.All(joins, j => Assert.True(j.Ok, j.Code + ": " + j.Message));
            Assert.Equal([1, 2, 3, 1], joins.Select(j => j.PresenceCount));

            var first = await clients[0].PublishAsync(roomA, "\"a1\"", excludeSelf: true, timeout.Token);
            var second = await clients[1].PublishAsync(roomA, "\"a2\"", excludeSelf: false, timeout.Token);
            var alone = await clients[3].PublishAsync(roomB, "\"b1\"", excludeSelf: true, timeout.Token);

            Assert.True(first.Ok && second.Ok && alone.Ok, first.Code + second.Code + alone.Code);
            Assert.Equal((roomA, 1L, 2L), (first.Channel, first.Offset, second.Offset));
            Assert.Equal(joins[0].Epoch, first.Epoch);
            Assert.False(string.IsNullOrEmpty(first.Id));
            await sink.WaitForAsync(2, 2, Patience);
            await sink.WaitForAsync(0, 1, Patience);
            await Task.Delay(500);

            Assert.Equal(["\"a2\""], sink.For(0));
            Assert.Equal(["\"a1\"", "\"a2\""], sink.For(1));
            Assert.Equal(["\"a1\"", "\"a2\""], sink.For(2));
            Assert.Empty(sink.For(3));

            // The others' joins reached the first member as presence events, and nothing failed on the page.
            Assert.True(clients[0].Protocol.PresenceEvents >= 2, $"{clients[0].Protocol.PresenceEvents} presence events");
            Assert.All(clients, c => Assert.Equal(0, c.Circuit.InteropErrors));
            Assert.All(clients, c => Assert.Equal(0, c.Repeats));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("join", "$client:someone", "invalid-channel")]
    [InlineData("join", "room:bad name", "invalid-channel")]
    [InlineData("join", "lobby", "not-found")]
    [InlineData("publish", "room:never-joined", "not-member")]
    [InlineData("publish", "lobby", "not-found")]
    [InlineData("publish", "$broadcast", "invalid-channel")]
    [InlineData("leave", "room:never-joined", "not-member")]
    public async Task ChannelCall_TheRelayRulesDoNotAllow_IsRefusedWithTheServersCode(string operation, string channel, string code)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var clients = await ConnectAsync(sink: null, 1, timeout.Token);
        await using var client = clients[0];

        var outcome = operation switch
        {
            "join" => await client.JoinAsync(channel, history: false, infoJson: null, timeout.Token),
            "publish" => await client.PublishAsync(channel, "\"hi\"", excludeSelf: false, timeout.Token),
            _ => await client.LeaveAsync(channel, timeout.Token),
        };

        Assert.False(outcome.Ok);
        Assert.Equal(code, outcome.Code);
        Assert.False(string.IsNullOrEmpty(outcome.Message));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task JoinAsync_AfterLeaving_StartsAfreshWithoutRecoveringFromTheOldPosition()
    {
        var sink = new RecordingSink();
        using var timeout = new CancellationTokenSource(Patience);
        var clients = await ConnectAsync(sink, 1, timeout.Token);
        await using var client = clients[0];
        var room = "room:again-" + Guid.NewGuid().ToString("N");

        var joined = await client.JoinAsync(room, history: false, infoJson: null, timeout.Token);
        var before = await client.PublishAsync(room, "\"before\"", excludeSelf: false, timeout.Token);
        await sink.WaitForAsync(0, 1, Patience);
        var left = await client.LeaveAsync(room, timeout.Token);
        var publishedAfterLeaving = await client.PublishAsync(room, "\"gone\"", excludeSelf: false, timeout.Token);
        var again = await client.JoinAsync(room, history: false, infoJson: null, timeout.Token);
        var after = await client.PublishAsync(room, "\"after\"", excludeSelf: false, timeout.Token);
        await sink.WaitForAsync(0, 2, Patience);
        await Task.Delay(300);

        Assert.True(joined.Ok && before.Ok && left.Ok && again.Ok && after.Ok, joined.Code + before.Code + left.Code + again.Code + after.Code);
        Assert.Equal("not-member", publishedAfterLeaving.Code);
        Assert.Equal(["\"before\"", "\"after\""], sink.For(0));

        // A page that kept its position would have asked to recover from it, and been told how that went.
        Assert.Equal(0, client.Protocol.RecoveryEvents);
    }

    [Fact]
    public async Task NextPage_AfterMissingMessages_ResumesTheSameClientAndRecoversThemOnceInOrder()
    {
        var sink = new RecordingSink();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var clients = await ConnectAsync(sink, 2, timeout.Token);
        var (publisher, reader) = (clients[0], clients[1]);
        var room = "room:reload-" + Guid.NewGuid().ToString("N");
        ThywillLoadClient? reloaded = null;
        try
        {
            Assert.True((await publisher.JoinAsync(room, history: false, infoJson: null, timeout.Token)).Ok);
            Assert.True((await reader.JoinAsync(room, history: false, infoJson: null, timeout.Token)).Ok);
            Assert.True((await publisher.PublishAsync(room, "1", excludeSelf: true, timeout.Token)).Ok);
            await sink.WaitForAsync(1, 1, Patience);

            // The tab unloads; what is published meanwhile must come to its next page, once.
            reloaded = reader.NextPage(sink);
            await reader.DisposeAsync();
            foreach (var n in new[] { "2", "3" })
            {
                Assert.True((await publisher.PublishAsync(room, n, excludeSelf: true, timeout.Token)).Ok);
            }

            await reloaded.ConnectAsync(timeout.Token);
            await sink.WaitForAsync(1, 3, Patience);
            Assert.True((await publisher.PublishAsync(room, "4", excludeSelf: true, timeout.Token)).Ok);
            await sink.WaitForAsync(1, 4, Patience);
            await Task.Delay(300);

            Assert.True(reloaded.Protocol.Resumed);
            Assert.Equal(reader.ClientId, reloaded.ClientId);
            Assert.Equal(["1", "2", "3", "4"], sink.For(1));
            Assert.Equal((0L, 0L), (reloaded.Repeats, reloaded.Protocol.NotRecovered));
        }
        finally
        {
            await publisher.DisposeAsync();
            await reader.DisposeAsync();
            if (reloaded is not null)
            {
                await reloaded.DisposeAsync();
            }
        }
    }

    private async Task<ThywillLoadClient[]> ConnectAsync(RecordingSink? sink, int count, CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, count).Select(i => new ThywillLoadClient(host.Settings, "relay", i, sink)).ToArray();
        foreach (var client in clients)
        {
            await client.ConnectAsync(cancellationToken);
        }

        return clients;
    }
}
