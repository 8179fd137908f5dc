using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The broker layer of the engine: each publication gets a per-channel offset within an epoch and
/// is kept within the retention its publisher passed; every subscriber on every node receives a
/// channel's publications — and the presence changes the presence store announces — in order. The
/// in-memory broker serves one process; the Redis broker serves many nodes with the same contract.
/// It knows nothing of channel rules, presence or memberships.
/// </summary>
internal interface IChannelBroker
{
    /// <summary>Publishes to a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="from">The sending client, or <see langword="null"/> for the server.</param>
    /// <param name="data">The payload.</param>
    /// <param name="retention">How much of the channel's history to keep, this publication included; for an archived channel, <see cref="UnseededChannelException"/> when the broker does not hold its seed.</param>
    /// <param name="exclude">Clients that must not receive it.</param>
    /// <param name="cancellationToken">Cancels the publication before it is ordered.</param>
    /// <returns>The publication with its offset.</returns>
    ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, ChannelRetention retention, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default);

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
    /// Forgets a seeded (archived) channel that no node subscribes to once its newest offset is
    /// <paramref name="persistedOffset"/>, the database's: seeded again later, it continues with the
    /// same epoch and the next offset. Does nothing otherwise. (Its presence, kept by the presence
    /// store, is not touched.)
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="persistedOffset">The newest offset the database has for it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the broker no longer holds the channel.</returns>
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

    /// <summary>How many channels (besides framework ones) an application has in the broker: what the channel cap counts.</summary>
    /// <param name="applicationId">The application.</param>
    int ChannelCountOf(string applicationId);

    /// <summary>
    /// The channels an application has in the broker now, by name: for operators. A read of the
    /// broker's state, not a cheap one; never on a hot path.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="max">At most this many (the first by name).</param>
    /// <param name="includeFramework">Whether framework channels (<c>$…</c>: one per client, session and user) are listed too.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<BrokerChannel>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Reads an archived channel's publications still within the broker's retention, after an
    /// offset: as <see cref="ReadHistoryAsync"/>, but <see cref="UnseededChannelException"/> when the
    /// broker does not hold the channel's seed (it never makes an epoch for an archived channel).
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="afterOffset">Publications with a greater offset are returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<ChannelHistory> ReadSeededHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default);
}
