using System.Collections.Concurrent;

namespace Thywill.Blazor.Clients;

/// <summary>The live sessions of this node, by client id.</summary>
internal sealed class ClientRegistry : IClientDirectory
{
    private readonly ConcurrentDictionary<string, ClientSession> _byClientId = new(StringComparer.Ordinal);

    public int Count => _byClientId.Count;

    /// <summary>The live sessions (a moment's view).</summary>
    public IEnumerable<ClientSession> Sessions => _byClientId.Values;

    public event Action? Changed;

    public IReadOnlyList<ConnectedClient> GetConnected(string? applicationId = null) =>
        _byClientId.Values
            .Where(c => applicationId is null || c.Client.ApplicationId == applicationId)
            .Select(c => c.Snapshot())
            .OrderBy(c => c.ConnectedAt)
            .ToArray();

    public bool DropConnection(string clientId) =>
        _byClientId.TryGetValue(clientId, out var session) && session.Link.DropConnection();

    public bool Disconnect(string clientId)
    {
        if (!_byClientId.TryGetValue(clientId, out var session))
        {
            return false;
        }

        session.Close(DisconnectedByOperator);
        return true;
    }

    private const string DisconnectedByOperator = "An operator disconnected this client.";

    public bool TryGet(string clientId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClientSession? session) =>
        _byClientId.TryGetValue(clientId, out session);

    /// <summary>Tells watchers that a session changed: its channels, or its link going down or up.</summary>
    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>Registers a session, returning the one it replaced for the same client, if any.</summary>
    public ClientSession? Register(ClientSession session)
    {
        ClientSession? replaced = null;
        _byClientId.AddOrUpdate(
            session.Client.ClientId,
            session,
            (_, existing) =>
            {
                replaced = existing;
                return session;
            });
        Changed?.Invoke();
        return replaced;
    }

    /// <summary>Removes a session if it is still the registered one for its client.</summary>
    public bool Unregister(ClientSession session)
    {
        var removed = _byClientId.TryRemove(new KeyValuePair<string, ClientSession>(session.Client.ClientId, session));
        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }
}
