using System.Collections.Concurrent;

namespace Thywill.Blazor.Clients;

/// <summary>The live connections of this node, by client id.</summary>
internal sealed class ClientRegistry : IClientDirectory
{
    private readonly ConcurrentDictionary<string, ClientConnection> _byClientId = new(StringComparer.Ordinal);

    public int Count => _byClientId.Count;

    public event Action? Changed;

    public IReadOnlyList<ConnectedClient> GetConnected(string? applicationId = null) =>
        _byClientId.Values
            .Where(c => applicationId is null || c.Client.ApplicationId == applicationId)
            .Select(c => c.Snapshot())
            .OrderBy(c => c.ConnectedAt)
            .ToArray();

    public bool DropConnection(string clientId) =>
        _byClientId.TryGetValue(clientId, out var connection) && connection.Link.DropConnection();

    public bool TryGet(string clientId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClientConnection? connection) =>
        _byClientId.TryGetValue(clientId, out connection);

    /// <summary>Tells watchers that a connection changed: its channels, or its link going down or up.</summary>
    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>Registers a connection, returning the one it replaced for the same client, if any.</summary>
    public ClientConnection? Register(ClientConnection connection)
    {
        ClientConnection? replaced = null;
        _byClientId.AddOrUpdate(
            connection.Client.ClientId,
            connection,
            (_, existing) =>
            {
                replaced = existing;
                return connection;
            });
        Changed?.Invoke();
        return replaced;
    }

    /// <summary>Removes a connection if it is still the registered one for its client.</summary>
    public bool Unregister(ClientConnection connection)
    {
        var removed = _byClientId.TryRemove(new KeyValuePair<string, ClientConnection>(connection.Client.ClientId, connection));
        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }
}
