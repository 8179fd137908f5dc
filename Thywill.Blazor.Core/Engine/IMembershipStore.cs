namespace Thywill.Blazor.Engine;

/// <summary>
/// The membership layer of the engine: which channels each client has joined, kept across its
/// reconnects and across nodes, and forgotten a retention (passed in by the caller) after the
/// client was last seen.
/// </summary>
internal interface IMembershipStore
{
    /// <summary>
    /// Records that a client is a member of a channel. A client's memberships are forgotten
    /// <paramref name="retention"/> after they were last added or retained.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="channel">The channel name.</param>
    /// <param name="retention">How long the client's memberships are kept from now without being retained again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when it already was.</returns>
    ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>
    /// A node's sweep over its connected clients: writes each one's memberships again (a store that
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
