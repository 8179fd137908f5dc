using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Channels from the server's side: the application joins clients to channels, publishes, reads
/// history and presence. Server operations are trusted: they pass no channel rule or authorization
/// hook (browsers' operations do).
/// </summary>
/// <remarks>
/// Scoped to one application: channel names are the application's own, and clients of other
/// applications are out of reach. An application has its own as
/// <see cref="Applications.ThywillApplication.Channels"/>; a host reaches any application's through
/// <see cref="Hosting.IThywillServer"/>.
/// </remarks>
public interface IThywillChannels
{
    /// <summary>How long a disconnected client stays in presence before it is reported as gone (<c>Thywill:Channels:PresenceGracePeriod</c>).</summary>
    TimeSpan PresenceGracePeriod { get; }

    /// <summary>Publishes to a channel of an application.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="data">Any value that serialises to JSON.</param>
    /// <param name="exclude">Clients that must not receive it.</param>
    /// <param name="from">The client it is from, or <see langword="null"/> for the server.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    /// <exception cref="ArgumentException">The channel name is not valid.</exception>
    /// <exception cref="Push.MessageTooLargeException">The message is over the limit.</exception>
    Task<Publication> PublishAsync(string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a client a member of a channel: now if it is connected (to this node or, on a cluster,
    /// another), else when it next connects.
    /// </summary>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task JoinAsync(string clientId, string channel, CancellationToken cancellationToken = default);

    /// <summary>Removes a client from a channel (a kick, or the end of a pairing), whichever node it is connected to.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task LeaveAsync(string clientId, string channel, CancellationToken cancellationToken = default);

    /// <summary>The channels a client is a member of.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<string>> GetChannelsAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The members of a channel's presence.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the display information of a client (a nickname, an avatar) shown in the presence of
    /// every channel it is in; members see an <c>update</c>. On a cluster the node holding the client
    /// sets it; for a client no node holds it is not kept.
    /// </summary>
    /// <param name="clientId">The client.</param>
    /// <param name="info">Any value that serialises to JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetClientInfoAsync(string clientId, object? info, CancellationToken cancellationToken = default);

    /// <summary>The newest publications a channel keeps (memory, then the archive), oldest first.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Publication>> ReadHistoryAsync(string channel, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// The application's channels as the engine holds them now, by name, with their epoch, newest
    /// offset, kept history and presence: for operators.
    /// </summary>
    /// <param name="max">At most this many (the first by name).</param>
    /// <param name="includeFramework">Whether framework channels (<c>$…</c>: one per client, session and user) are listed too.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ChannelSummary>> ListAsync(int max = 1000, bool includeFramework = false, CancellationToken cancellationToken = default);

    /// <summary>The application's channel rules in force (engine defaults filled in), in the order configured.</summary>
    IReadOnlyList<ChannelRule> Rules { get; }

    /// <summary>The rule a channel falls under, or <see langword="null"/> when none matches (browsers cannot use it).</summary>
    /// <param name="channel">The channel name.</param>
    ChannelRule? RuleOf(string channel);
}
