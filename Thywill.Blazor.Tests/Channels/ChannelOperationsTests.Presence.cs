using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// Presence with a grace period: a client away for less than <c>PresenceGracePeriod</c> never left;
/// one away for longer leaves every presence it was in. The clock is manual. A leave runs on after the
/// timer fires, not always inside <see cref="FakeTimeProvider.Advance"/>, so tests wait for the
/// events they expect; to show a leave did not happen, a marker client that went away later and is
/// not coming back is waited for instead: a leave due before the marker's is set going first.
/// </summary>
public sealed partial class ChannelOperationsTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private TimeSpan GracePeriod => _channels.Options.Channels.PresenceGracePeriod;

    [Fact]
    public async Task ListAsync_GivesEachChannelsMembersFromThePresenceStore_AndItsOffsetsFromTheBroker()
    {
        await JoinAsync("room:1");
        await JoinAsync("room:2");
        await _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", "hello");
        await _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", "again");
        await _channels.Service.LeaveAsync(_channels.ApplicationId, _client.Client.ClientId, "room:2");
        var watcher = await _channels.WatchAsync("room:2");

        var listed = await _channels.Service.ListAsync(_channels.ApplicationId, max: 10, includeFramework: false);

        var room1 = Assert.Single(listed, c => c.Name == "room:1");
        var room2 = Assert.Single(listed, c => c.Name == "room:2");
        Assert.Equal((2L, 2, 1), (room1.LatestOffset, room1.Kept, room1.Presence));
        Assert.Equal((0L, 0, 0), (room2.LatestOffset, room2.Kept, room2.Presence));
        Assert.True(room1.KeptBytes > 0);
        Assert.Equal(2, room2.Subscribers); // the watcher, and the client's session (not registered here, so the leave could not reach it)
    }

    [Fact]
    public async Task ScheduleLeave_AwayForTheGracePeriod_LeavesEveryPresenceAndLogs()
    {
        await JoinAsync("room:1");
        await JoinAsync("room:2");
        var first = await _channels.WatchAsync("room:1");
        var second = await _channels.WatchAsync("room:2");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Time.Advance(GracePeriod);
        await first.WaitForPresenceAsync(1);
        await second.WaitForPresenceAsync(1);

        Assert.Equal(["leave client-1"], ClientEvents.Describe(first.Presence));
        Assert.Equal(["leave client-1"], ClientEvents.Describe(second.Presence));
        Assert.Empty(await _channels.Service.GetPresenceAsync(_channels.ApplicationId, "room:1"));
        var expired = await _channels.PresenceLogger.WaitForAsync(e => e.Level == LogLevel.Information);
        Assert.Equal(("test-app", "client-1"), (expired.Properties["AppId"], expired.Properties["ClientId"]));
    }

    [Fact]
    public async Task ScheduleLeave_AwayPastTheGracePeriod_KeepsTheMembership()
    {
        await JoinAsync("room:1");
        var watcher = await _channels.WatchAsync("room:1");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Time.Advance(GracePeriod + OneSecond);
        await watcher.WaitForPresenceAsync(1);

        Assert.Equal(["room:1"], await ChannelsOfClientAsync());
    }

    [Fact]
    public async Task CancelPendingLeave_BackBeforeTheGracePeriodEnds_NoLeaveEvent()
    {
        await JoinAsync("room:1");
        var (watcher, marker) = await WatchWithMarkerAsync("room:1");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Time.Advance(GracePeriod - OneSecond);
        _channels.Presence.CancelPendingLeave(_client.Client);
        _channels.Presence.ScheduleLeave(marker.Client);
        _channels.Time.Advance(GracePeriod);
        await watcher.WaitForPresenceAsync(1);

        Assert.Equal(["leave client-9"], ClientEvents.Describe(watcher.Presence));
        Assert.Equal(["client-1"], (await _channels.Service.GetPresenceAsync(_channels.ApplicationId, "room:1")).Select(m => m.ClientId));
    }

    [Fact]
    public async Task ScheduleLeave_ScheduledAgain_TheGracePeriodStartsOver()
    {
        await JoinAsync("room:1");
        var (watcher, marker) = await WatchWithMarkerAsync("room:1");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Time.Advance(OneSecond);
        _channels.Presence.ScheduleLeave(marker.Client);
        _channels.Time.Advance(GracePeriod - (2 * OneSecond));
        _channels.Presence.ScheduleLeave(_client.Client);

        // Past the first schedule's end, to the marker's.
        _channels.Time.Advance(2 * OneSecond);
        await watcher.WaitForPresenceAsync(1);
        var whenTheFirstWouldHaveEnded = ClientEvents.Describe(watcher.Presence);
        _channels.Time.Advance(GracePeriod);
        await watcher.WaitForPresenceAsync(2);

        Assert.Equal(["leave client-9"], whenTheFirstWouldHaveEnded);
        Assert.Equal(["leave client-9", "leave client-1"], ClientEvents.Describe(watcher.Presence));
    }

    [Fact]
    public async Task ScheduleLeave_ConnectedAgainOnThisNodeWhenTheGracePeriodEnds_Stays()
    {
        await JoinAsync("room:1");
        var (watcher, marker) = await WatchWithMarkerAsync("room:1");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Presence.ScheduleLeave(marker.Client);
        _channels.Registry.Register(_client);
        _channels.Time.Advance(GracePeriod);
        await watcher.WaitForPresenceAsync(1);

        Assert.Equal(["leave client-9"], ClientEvents.Describe(watcher.Presence));
    }

    [Fact]
    public async Task AttachClientAsync_BackBeforeTheGracePeriodEnds_CancelsTheLeave()
    {
        await JoinAsync("room:1");
        var (watcher, marker) = await WatchWithMarkerAsync("room:1");

        _channels.Presence.ScheduleLeave(_client.Client);
        _channels.Time.Advance(GracePeriod - OneSecond);
        await _channels.Operations.ResumeAsync(_channels.Connect(), resumed: true, new Dictionary<string, RememberedChannel>(), CancellationToken.None);
        _channels.Presence.ScheduleLeave(marker.Client);
        _channels.Time.Advance(GracePeriod);
        await watcher.WaitForPresenceAsync(1);

        Assert.Equal(["leave client-9"], ClientEvents.Describe(watcher.Presence));
    }

    /// <summary>
    /// Watches a channel that a marker client (<c>client-9</c>) is also in: scheduling its leave
    /// as a test advances the clock, then waiting for it, lets every earlier-due leave have its turn.
    /// </summary>
    private async Task<(RecordingSubscriber Watcher, ClientSession Marker)> WatchWithMarkerAsync(string channel)
    {
        var marker = _channels.Connect("client-9");
        await _channels.Operations.JoinAsync(marker, channel, from: null, withHistory: false, default, CancellationToken.None);
        return (await _channels.WatchAsync(channel), marker);
    }
}
