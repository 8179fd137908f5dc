using Thywill.Blazor.Applications;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>The database component: what the framework persists about sessions and clients.</summary>
internal interface IThywillStore
{
    /// <summary>Records that a client connected (creating it, and its session, on first sight).</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored client after the update.</returns>
    Task<StoredClient> RecordConnectAsync(ClientInfo client, CancellationToken cancellationToken);

    /// <summary>Deletes the clients, and the sessions, last seen before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">Rows last seen before this go.</param>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>How many clients and sessions were deleted.</returns>
    Task<(int Clients, int Sessions)> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Finds a stored client.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoredClient?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Finds a stored session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoredSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken);
}
