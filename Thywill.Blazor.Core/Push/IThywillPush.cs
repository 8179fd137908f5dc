using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// Sends asynchronous messages to clients (the seed's push component). Every send is published in
/// a channel, so it gets an offset and is kept within retention for a client that is momentarily away.
/// </summary>
public interface IThywillPush
{
    /// <summary>Sends to one client (one tab).</summary>
    /// <param name="applicationId">The application; clients of other applications never see it.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="data">Any value that serialises to JSON; a string arrives as a string.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    /// <exception cref="MessageTooLargeException">The message is over the configured limit.</exception>
    ValueTask<Publication> SendToClientAsync(string applicationId, string clientId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every tab of one browser session that runs the application.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> SendToSessionAsync(string applicationId, string sessionId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every client of an authenticated user.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="userId">The user.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> SendToUserAsync(string applicationId, string userId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every client of the application.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> BroadcastAsync(string applicationId, object? data, CancellationToken cancellationToken = default);
}
