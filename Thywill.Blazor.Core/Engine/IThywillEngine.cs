using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The shared state of channels: each publication gets a per-channel offset within an epoch and is
/// kept within the channel's retention; every subscriber on every node receives publications and
/// presence changes in order; presence and channel membership are kept here too. The in-memory
/// engine serves one process; a Redis engine serves many nodes with the same contract.
/// </summary>
internal interface IThywillEngine
{
    /// <summary>Publishes to a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="from">The sending client, or <see langword="null"/> for the server.</param>
    /// <param name="data">The payload.</param>
    /// <param name="exclude">Clients that must not receive it.</param>
    /// <param name="cancellationToken">Cancels the publication before it is ordered.</param>
    /// <returns>The publication with its offset.</returns>
    ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure a channel exists with a given epoch and latest offset when it is not known yet —
    /// used to continue an archived channel's offsets after a restart. Does nothing for a known channel,
    /// unless it has had no publication and was not seeded (a join's reservation made it): that one takes the seed.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="epoch">Its epoch.</param>
    /// <param name="latestOffset">The offset of its newest publication.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a seeded (archived) channel that nobody uses — no subscriber, no presence — once its
    /// newest offset is <paramref name="persistedOffset"/>, the database's: seeded again later, it
    /// continues with the same epoch and the next offset. Does nothing otherwise.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="persistedOffset">The newest offset the database has for it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the engine no longer holds the channel.</returns>
    ValueTask<bool> ForgetIfIdleAsync(ChannelKey channel, long persistedOffset, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure a channel that browsers join exists, within a cap on the channels one application
    /// has: a known channel is always there; a new one is made only while the application has fewer
    /// than <paramref name="maxPerApplication"/> (framework channels, <c>$…</c>, are not counted).
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="maxPerApplication">The cap.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the channel exists now.</returns>
    ValueTask<bool> ReserveChannelAsync(ChannelKey channel, int maxPerApplication, CancellationToken cancellationToken = default);

    /// <summary>How many channels (besides framework ones) an application has in the engine: what the channel cap counts.</summary>
    /// <param name="applicationId">The application.</param>
    int ChannelCountOf(string applicationId);

    /// <summary>How many presence members of an application's channels this node holds (its own clients'): for the node's gauge.</summary>
    /// <param name="applicationId">The application.</param>
    int PresenceCountOf(string applicationId);

    /// <summary>
    /// The channels an application has in the engine now, by name: for operators. A read of the
    /// engine's state, not a cheap one; never on a hot path.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="max">At most this many (the first by name).</param>
    /// <param name="includeFramework">Whether framework channels (<c>$…</c>: one per client, session and user) are listed too.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<Channels.ChannelSummary>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a channel's publications and presence changes from now on.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="subscriber">Receives them.</param>
    /// <param name="cancellationToken">Cancels the subscription request.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>Reads the publications of a channel still within retention, after an offset.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="afterOffset">Publications with a greater offset are returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The channel's epoch and the kept publications in offset order.</returns>
    ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default);

    /// <summary>Adds or updates a member of a channel's presence; subscribers see <c>join</c> or <c>update</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="member">The member.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default);

    /// <summary>Removes a member; subscribers see <c>leave</c>. Nothing happens for a non-member.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="clientId">The member's client id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default);

    /// <summary>The members of a channel's presence.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that a client is a member of a channel (kept across its reconnects). A client's
    /// memberships are forgotten <paramref name="retention"/> after they were last added or retained.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="retention">How long the client's memberships are kept from now without being retained again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when it already was.</returns>
    ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>
    /// A node's sweep over its connected clients: writes each one's memberships again (an engine that
    /// lost them, Redis restarted empty, has them back) and keeps all of them for
    /// <paramref name="retention"/> from now; a client that never returns loses them after that.
    /// </summary>
    /// <param name="clients">The clients and their channels.</param>
    /// <param name="retention">How long from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>For each client, in order, the channels that were missing and are added now.</returns>
    ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Records that a client left a channel.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when it was not a member.</returns>
    ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default);

    /// <summary>The channels a client is a member of (besides the framework's own).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default);
}
