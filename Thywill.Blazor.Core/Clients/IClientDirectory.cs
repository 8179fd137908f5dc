namespace Thywill.Blazor.Clients;

/// <summary>The clients connected to this node.</summary>
public interface IClientDirectory
{
    /// <summary>How many clients are connected to this node.</summary>
    int Count { get; }

    /// <summary>Snapshots of the connected clients, optionally of one application.</summary>
    /// <param name="applicationId">The application, or <see langword="null"/> for all.</param>
    IReadOnlyList<ConnectedClient> GetConnected(string? applicationId = null);

    /// <summary>
    /// Drops a client's connection, as a network failure would: its circuit stays, the browser
    /// reconnects and resumes, and nothing sent meanwhile is lost. For operators and recovery tests.
    /// </summary>
    /// <param name="clientId">The client.</param>
    /// <returns>Whether the client was connected to this node.</returns>
    bool DropConnection(string clientId);

    /// <summary>
    /// Disconnects a client for good: its circuit ends and the tab shows that it is disconnected,
    /// until the page is loaded again (which resumes the same client). What it had not received stays
    /// in its channels' history. For operators.
    /// </summary>
    /// <param name="clientId">The client.</param>
    /// <returns>Whether the client was connected to this node.</returns>
    bool Disconnect(string clientId);

    /// <summary>Raised after a client connects or disconnects on this node, joins or leaves a channel, or its link goes down or up.</summary>
    event Action? Changed;
}
