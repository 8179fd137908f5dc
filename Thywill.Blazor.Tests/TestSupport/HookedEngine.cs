using System.Text.Json;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// An engine that passes everything to another, and lets a test step into the next history read
/// (to publish while it runs, or to fail it) and count subscriptions.
/// </summary>
internal sealed class HookedEngine(IThywillEngine inner) : IThywillEngine
{
    /// <summary>Answers the next history read in place of the engine (then it is cleared).</summary>
    public Func<ChannelKey, long, Task<ChannelHistory>>? NextReadHistory { get; set; }

    /// <summary>Subscriptions made so far.</summary>
    public int Subscriptions { get; private set; }

    public IThywillEngine Inner => inner;

    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default) =>
        inner.PublishAsync(channel, from, data, exclude, cancellationToken);

    public ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default) =>
        inner.SeedChannelAsync(channel, epoch, latestOffset, cancellationToken);

    public ValueTask<bool> ForgetIfIdleAsync(ChannelKey channel, long persistedOffset, CancellationToken cancellationToken = default) =>
        inner.ForgetIfIdleAsync(channel, persistedOffset, cancellationToken);

    public int ChannelCountOf(string applicationId) => inner.ChannelCountOf(applicationId);

    public int PresenceCountOf(string applicationId) => inner.PresenceCountOf(applicationId);

    public ValueTask<IReadOnlyList<Thywill.Blazor.Channels.ChannelSummary>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default) =>
        inner.ListChannelsAsync(applicationId, max, includeFramework, cancellationToken);

    public ValueTask<bool> ReserveChannelAsync(ChannelKey channel, int maxPerApplication, CancellationToken cancellationToken = default) =>
        inner.ReserveChannelAsync(channel, maxPerApplication, cancellationToken);

    public ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        Subscriptions++;
        return inner.SubscribeAsync(channel, subscriber, cancellationToken);
    }

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default)
    {
        if (NextReadHistory is { } read)
        {
            NextReadHistory = null;
            return new ValueTask<ChannelHistory>(read(channel, afterOffset));
        }

        return inner.ReadHistoryAsync(channel, afterOffset, cancellationToken);
    }

    public ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default) =>
        inner.JoinPresenceAsync(channel, member, cancellationToken);

    public ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default) =>
        inner.LeavePresenceAsync(channel, clientId, cancellationToken);

    public ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default) =>
        inner.GetPresenceAsync(channel, cancellationToken);

    public ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default) =>
        inner.AddMembershipAsync(applicationId, clientId, channel, retention, cancellationToken);

    public ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default) =>
        inner.RetainMembershipsAsync(clients, retention, cancellationToken);

    public ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default) =>
        inner.RemoveMembershipAsync(applicationId, clientId, channel, cancellationToken);

    public ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        inner.GetMembershipsAsync(applicationId, clientId, cancellationToken);
}
