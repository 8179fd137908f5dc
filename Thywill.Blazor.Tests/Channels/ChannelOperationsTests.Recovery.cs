using Microsoft.Extensions.Logging;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// A client coming back: it recovers from the positions its browser remembers, in memory or — for
/// archived channels — from the database, and rejoins what the server no longer knows through the rules.
/// </summary>
public sealed partial class ChannelOperationsTests
{
    [Fact]
    public async Task AttachClientAsync_ResumedWithARememberedPosition_MissedPublicationsOnceThenLive()
    {
        var joined = await JoinAsync("room:1");
        await PublishFromTheServerAsync(_channels, "room:1", 3);
        var back = _channels.Connect();

        await _channels.Operations.ResumeAsync(back, resumed: true, Positions(("room:1", new ChannelPosition(joined.Epoch!, 0))), CancellationToken.None);
        await PublishFromTheServerAsync(_channels, "room:1", 1);

        Assert.Equal(["1", "2", "3", "recovered 3", "4"], await back.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachClientAsync_NotResumed_IgnoresTheRememberedPositions()
    {
        var stranger = _channels.Connect("client-3");

        await _channels.Operations.ResumeAsync(stranger, resumed: false, Positions(("room:1", new ChannelPosition("any", 0))), CancellationToken.None);

        Assert.Empty(await _channels.Service.GetChannelsAsync(_channels.ApplicationId, "client-3"));
        Assert.DoesNotContain("room:1", stranger.Channels);
    }

    [Fact]
    public async Task AttachClientAsync_RememberedChannelTheServerDoesNotKnow_JoinsAgainThroughTheRules()
    {
        var back = _channels.Connect("client-3");

        await _channels.Operations.ResumeAsync(back, resumed: true, Positions(("room:5", new ChannelPosition("before-a-restart", 7))), CancellationToken.None);

        Assert.Equal(["room:5"], await _channels.Service.GetChannelsAsync(_channels.ApplicationId, "client-3"));
        Assert.Equal(["lost 0", "join client-3"], await back.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task AttachClientAsync_RememberedChannelTheRulesRefuse_NotJoinedAndLogged()
    {
        var back = _channels.Connect("client-3");

        await _channels.Operations.ResumeAsync(back, resumed: true, Positions(("staff:1", new ChannelPosition("before-a-restart", 7))), CancellationToken.None);

        Assert.Empty(await _channels.Service.GetChannelsAsync(_channels.ApplicationId, "client-3"));
        Assert.DoesNotContain("staff:1", back.Channels);
        var rejoin = Assert.Single(_channels.Logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal((ErrorCodes.NoPermission, "staff:1"), (rejoin.Properties["Code"], rejoin.Properties["Channel"]));
    }

    [Fact]
    public async Task ReadHistoryAsync_ArchivedChannelOlderThanMemory_ArchivedOnesThenKeptOnesContiguous()
    {
        await using var database = await TempDatabase.CreateAsync(_channels.Time);
        var channels = Archived(database);
        await PublishOlderThanMemoryAsync(channels);

        var history = await channels.Service.ReadHistoryAsync(channels.ApplicationId, "log:1", max: 100);

        Assert.Equal([1, 2, 3, 4, 5], history.Select(p => p.Offset));
        Assert.Equal(["0", "1", "2", "3", "4"], history.Select(p => p.Data.GetRawText()));
    }

    [Fact]
    public async Task ClientJoinAsync_PositionOlderThanMemoryInAnArchivedChannel_RecoversFromTheArchiveAndReportsRecovered()
    {
        await using var database = await TempDatabase.CreateAsync(_channels.Time);
        var channels = Archived(database);
        var epoch = await PublishOlderThanMemoryAsync(channels);
        var client = channels.Connect();

        var result = await channels.Operations.JoinAsync(client, "log:1", new ChannelPosition(epoch, 1), withHistory: false, default, CancellationToken.None);

        Assert.Equal(5, result.Offset);
        Assert.Equal(["2", "3", "4", "5", "recovered 4"], await client.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task PublishAsync_ArchivedChannelAfterARestart_ContinuesItsEpochAndOffsetsAndKeepsItsHistory()
    {
        await using var database = await TempDatabase.CreateAsync(_channels.Time);
        var before = await PublishFromTheServerAsync(Archived(database), "log:1", 3);
        var restarted = Archived(database);

        var after = await PublishFromTheServerAsync(restarted, "log:1", 1);
        var history = await restarted.Service.ReadHistoryAsync(restarted.ApplicationId, "log:1", max: 100);

        Assert.Equal((before.Epoch, 4L), (after.Epoch, after.Offset));
        Assert.Equal([1, 2, 3, 4], history.Select(p => p.Offset));
    }

    [Fact]
    public async Task ClientJoinAsync_ArchivedChannelAfterARestart_RecoversWhatTheClientMissed()
    {
        await using var database = await TempDatabase.CreateAsync(_channels.Time);
        var before = await PublishFromTheServerAsync(Archived(database), "log:1", 3);
        var restarted = Archived(database);
        var client = restarted.Connect();

        await restarted.Operations.JoinAsync(client, "log:1", new ChannelPosition(before.Epoch, 1), withHistory: false, default, CancellationToken.None);

        Assert.Equal(["2", "3", "recovered 2"], await client.Outbox.DrainDescribedAsync());
    }

    /// <summary>The same application and rules, on a fresh engine over the database's archive: a node that (re)started.</summary>
    private TestChannels Archived(TempDatabase database) =>
        new(_application, _channels.Options, database.Archive, _channels.Time);

    /// <summary>
    /// Publishes 1–3 to <c>log:1</c>, lets them age out of memory, then 4–5: the engine keeps only 4–5,
    /// the archive all five. Returns the channel's epoch.
    /// </summary>
    private static async Task<string> PublishOlderThanMemoryAsync(TestChannels channels)
    {
        var first = await PublishFromTheServerAsync(channels, "log:1", 3);
        channels.Time.Advance(ArchivedHistoryAge + TimeSpan.FromSeconds(1));
        await PublishFromTheServerAsync(channels, "log:1", 2, firstValue: 3);

        var inMemory = await channels.Engine.ReadHistoryAsync(channels.Channel("log:1"), afterOffset: 0);
        Assert.Equal([4, 5], inMemory.Publications.Select(p => p.Offset));
        return first.Epoch;
    }

    /// <summary>Publishes the numbers from <paramref name="firstValue"/> on; returns the first publication.</summary>
    private static async Task<Publication> PublishFromTheServerAsync(TestChannels channels, string channel, int count, int firstValue = 0)
    {
        Publication? first = null;
        for (var i = 0; i < count; i++)
        {
            var publication = await channels.Service.PublishAsync(channels.ApplicationId, channel, firstValue + i);
            first ??= publication;
        }

        return first!;
    }

    [Fact]
    public async Task AttachClientAsync_AForgedListOfRememberedChannels_TriesNoMoreThanTheClientMayBeIn()
    {
        var back = _channels.Connect("client-3");
        var forged = Enumerable.Range(0, 300).Select(i => ($"room:r{i}", new ChannelPosition("forged", 1))).ToArray();

        await _channels.Operations.ResumeAsync(back, resumed: true, Positions(forged), CancellationToken.None);

        Assert.Equal(["room:r0", "room:r1"], (await _channels.Service.GetChannelsAsync(_channels.ApplicationId, "client-3")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(_channels.Logger.Entries, e => e.Message.Contains("room:r2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttachClientAsync_RejoinsDrawFromTheJoinBudget_WaitingForIt_NotRefused()
    {
        _channels.Options.RateLimits.Join = new Thywill.Blazor.Hosting.RateBudget { PerSecond = 1, Burst = 1 };
        var back = _channels.Connect("client-3");

        var resuming = _channels.Operations.ResumeAsync(back, resumed: true, Positions(("room:5", new ChannelPosition("a", 1)), ("room:6", new ChannelPosition("b", 1))), CancellationToken.None);
        await Task.Delay(50);
        var doneBeforeTheBudgetRefilled = resuming.IsCompleted;
        _channels.Time.Advance(TimeSpan.FromSeconds(1));
        await resuming;

        Assert.False(doneBeforeTheBudgetRefilled);
        Assert.Equal(["room:5", "room:6"], (await _channels.Service.GetChannelsAsync(_channels.ApplicationId, "client-3")).Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, RememberedChannel> Positions(params (string Channel, ChannelPosition Position)[] positions) =>
        positions.ToDictionary(p => p.Channel, p => new RememberedChannel(p.Position.Epoch, p.Position.Offset), StringComparer.Ordinal);
}
