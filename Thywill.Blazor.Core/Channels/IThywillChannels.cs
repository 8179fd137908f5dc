using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Channels from the server's side: the application joins clients to channels, publishes, reads
/// history and presence. Server operations are trusted: they pass no channel rule or authorization
/// hook (browsers' operations do).
/// </summary>
public interface IThywillChannels
{
    /// <summary>Publishes to a channel of an application.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="data">Any value that serialises to JSON.</param>
    /// <param name="exclude">Clients that must not receive it.</param>
    /// <param name="from">The client it is from, or <see langword="null"/> for the server.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    /// <exception cref="ArgumentException">The channel name is not valid.</exception>
    /// <exception cref="Push.MessageTooLargeException">The message is over the limit.</exception>
    Task<Publication> PublishAsync(string applicationId, string channel, object? data, IReadOnlyList<string>? exclude = null, string? from = null, CancellationToken cancellationToken = default);

    /// <summary>Makes a client a member of a channel (now if it is connected, else when it next connects).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task JoinAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default);

    /// <summary>Removes a client from a channel (a kick, or the end of a pairing).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task LeaveAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default);

    /// <summary>The channels a client is a member of.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<string>> GetChannelsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default);

    /// <summary>The members of a channel's presence.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<PresenceMember>> GetPresenceAsync(string applicationId, string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the display information of a client (a nickname, an avatar) shown in the presence of
    /// every channel it is in; members see an <c>update</c>.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="info">Any value that serialises to JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetClientInfoAsync(string applicationId, string clientId, object? info, CancellationToken cancellationToken = default);

    /// <summary>The newest publications a channel keeps (memory, then the archive), oldest first.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Publication>> ReadHistoryAsync(string applicationId, string channel, int max, CancellationToken cancellationToken = default);
}
