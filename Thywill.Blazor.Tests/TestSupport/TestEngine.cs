using System.Text.Json;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The engine's three layers — broker, presence store, membership store — as one object for tests,
/// publishing with the retention the channel's rule gives (as the framework's callers do). It lets a
/// test step into the next history read (to publish while it runs, or to fail it) and counts
/// subscriptions.
/// </summary>
internal class TestEngine(IChannelBroker broker, IPresenceStore presence, IMembershipStore memberships, ChannelRules rules) : IChannelBroker, IPresenceStore, IMembershipStore
{
    /// <summary>Answers the next history read in place of the broker (then it is cleared).</summary>
    public Func<ChannelKey, long, Task<ChannelHistory>>? NextReadHistory { get; set; }

    /// <summary>Subscriptions made so far.</summary>
    public int Subscriptions { get; private set; }

    public IChannelBroker Broker => broker;

    public IPresenceStore Presence => presence;

    public IMembershipStore Memberships => memberships;

    /// <summary>The in-memory broker behind it (its sweep and counts), for the in-memory engine's own tests.</summary>
    public Thywill.Blazor.Engine.InMemory.InMemoryBroker Memory => (Thywill.Blazor.Engine.InMemory.InMemoryBroker)broker;

    /// <summary>Publishes with the retention of the channel's rule.</summary>
    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default) =>
        broker.PublishAsync(channel, from, data, rules.ForServer(channel).Retention, exclude, cancellationToken);

    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, ChannelRetention retention, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default) =>
        broker.PublishAsync(channel, from, data, retention, exclude, cancellationToken);

    public ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default) =>
        broker.SeedChannelAsync(channel, epoch, latestOffset, cancellationToken);

    public ValueTask<bool> ForgetIfIdleAsync(ChannelKey channel, long persistedOffset, CancellationToken cancellationToken = default) =>
        broker.ForgetIfIdleAsync(channel, persistedOffset, cancellationToken);

    public int ChannelCountOf(string applicationId) => broker.ChannelCountOf(applicationId);

    public int PresenceCountOf(string applicationId) => presence.PresenceCountOf(applicationId);

    public ValueTask<IReadOnlyList<BrokerChannel>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default) =>
        broker.ListChannelsAsync(applicationId, max, includeFramework, cancellationToken);

    public ValueTask<bool> ReserveChannelAsync(ChannelKey channel, int maxPerApplication, CancellationToken cancellationToken = default) =>
        broker.ReserveChannelAsync(channel, maxPerApplication, cancellationToken);

    public ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        Subscriptions++;
        return broker.SubscribeAsync(channel, subscriber, cancellationToken);
    }

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        Hooked(channel, afterOffset) ?? broker.ReadHistoryAsync(channel, afterOffset, cancellationToken);

    public ValueTask<ChannelHistory> ReadSeededHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        Hooked(channel, afterOffset) ?? broker.ReadSeededHistoryAsync(channel, afterOffset, cancellationToken);

    // The test's answer to this read, once.
    private ValueTask<ChannelHistory>? Hooked(ChannelKey channel, long afterOffset)
    {
        if (NextReadHistory is not { } read)
        {
            return null;
        }

        NextReadHistory = null;
        return new ValueTask<ChannelHistory>(read(channel, afterOffset));
    }

    public ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default) =>
        presence.JoinPresenceAsync(channel, member, cancellationToken);

    public ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default) =>
        presence.LeavePresenceAsync(channel, clientId, cancellationToken);

    public ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default) =>
        presence.GetPresenceAsync(channel, cancellationToken);

    public ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default) =>
        memberships.AddMembershipAsync(applicationId, clientId, channel, retention, cancellationToken);

    public ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default) =>
        memberships.RetainMembershipsAsync(clients, retention, cancellationToken);

    public ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default) =>
        memberships.RemoveMembershipAsync(applicationId, clientId, channel, cancellationToken);

    public ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        memberships.GetMembershipsAsync(applicationId, clientId, cancellationToken);

    /// <summary>The three layers of the in-memory engine.</summary>
    public static TestEngine InMemory(ChannelRules rules, TimeProvider time)
    {
        var broker = new Thywill.Blazor.Engine.InMemory.InMemoryBroker(time);
        return new TestEngine(broker, new Thywill.Blazor.Engine.InMemory.InMemoryPresenceStore(broker), new Thywill.Blazor.Engine.InMemory.InMemoryMembershipStore(time), rules);
    }
}
