using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// Sends asynchronous messages to clients (the seed's push component). Every send is published in
/// a channel, so it gets an offset and is kept within retention for a client that is momentarily away.
/// </summary>
/// <remarks>
/// Scoped to one application: it reaches that application's clients and no other's. An application
/// has its own as <see cref="Applications.ThywillApplication.Push"/>; a host reaches any application's
/// through <see cref="Hosting.IThywillServer"/>.
/// </remarks>
public interface IThywillPush
{
    /// <summary>Sends to one client (one tab).</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="data">Any value that serialises to JSON; a string arrives as a string.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    /// <exception cref="MessageTooLargeException">The message is over the configured limit.</exception>
    ValueTask<Publication> SendToClientAsync(string clientId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every tab of one browser session that runs the application.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> SendToSessionAsync(string sessionId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every client of an authenticated user.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> SendToUserAsync(string userId, object? data, CancellationToken cancellationToken = default);

    /// <summary>Sends to every client of the application.</summary>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels before the message is ordered.</param>
    /// <returns>The publication.</returns>
    ValueTask<Publication> BroadcastAsync(object? data, CancellationToken cancellationToken = default);
}
