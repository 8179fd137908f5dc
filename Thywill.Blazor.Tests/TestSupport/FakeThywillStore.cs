using System.Collections.Concurrent;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A store in memory, for tests about what happens around the database rather than in it.</summary>
internal sealed class FakeThywillStore : IThywillStore
{
    private readonly ConcurrentDictionary<string, StoredClient> _clients = new(StringComparer.Ordinal);
    private int _clientReads;

    public Task<StoredClient> RecordConnectAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        var stored = _clients.AddOrUpdate(
            client.ClientId,
            _ => new StoredClient { Id = client.ClientId, ApplicationId = client.ApplicationId, SessionId = client.SessionId, ConnectCount = 1 },
            (_, existing) =>
            {
                existing.ConnectCount++;
                return existing;
            });
        return Task.FromResult(stored);
    }

    /// <summary>How many times <see cref="FindClientAsync"/> was asked.</summary>
    public int ClientReads => Volatile.Read(ref _clientReads);

    public Task<StoredClient?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _clientReads);
        return Task.FromResult(_clients.GetValueOrDefault(clientId));
    }

    public Task<StoredSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<StoredSession?>(null);

    public Task<(int Clients, int Sessions)> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = _clients.Where(pair => pair.Value.LastSeen < cutoff).Select(pair => pair.Key).ToList();
        return Task.FromResult((old.Count(id => _clients.TryRemove(id, out _)), 0));
    }
}
