using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Thywill.Blazor.Engine.InMemory;

/// <summary>
/// The in-memory membership store: which channels each client of an application is in, kept
/// apart from the channels themselves because a client is a member while it is away too — but not for
/// ever: a client's memberships expire a retention after they were last added or retained, so clients
/// that never return leave nothing behind.
/// </summary>
internal sealed class InMemoryMembershipStore(TimeProvider time) : IMembershipStore
{
    private readonly ConcurrentDictionary<(string App, string Client), Entry> _byClient = new();

    /// <summary>Clients with memberships (expired ones included until the next sweep).</summary>
    public int ClientCount => _byClient.Count;

    public ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Add(applicationId, clientId, channel, retention));

    public ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var added = new IReadOnlyList<string>[clients.Count];
        for (var i = 0; i < clients.Count; i++)
        {
            var (applicationId, clientId, channels) = clients[i];
            added[i] = channels.Where(c => Add(applicationId, clientId, c, retention)).ToArray();
            Retain(applicationId, clientId, retention);
        }

        return ValueTask.FromResult<IReadOnlyList<IReadOnlyList<string>>>(added);
    }

    public ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Remove(applicationId, clientId, channel));

    public ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Of(applicationId, clientId));

    /// <summary>Makes the client a member; <see langword="false"/> when it already was.</summary>
    private bool Add(string applicationId, string clientId, string channel, TimeSpan retention)
    {
        var added = false;
        var expires = time.GetUtcNow() + retention;
        _byClient.AddOrUpdate(
            (applicationId, clientId),
            _ =>
            {
                added = true;
                return new Entry(ImmutableSortedSet.Create(StringComparer.Ordinal, channel), expires);
            },
            (_, entry) =>
            {
                var live = entry.IsLive(time) ? entry.Channels : entry.Channels.Clear();
                added = !live.Contains(channel);
                return new Entry(live.Add(channel), expires);
            });
        return added;
    }

    /// <summary>Ends a membership; <see langword="false"/> when there was none.</summary>
    private bool Remove(string applicationId, string clientId, string channel)
    {
        var key = (applicationId, clientId);
        while (_byClient.TryGetValue(key, out var entry))
        {
            if (!entry.IsLive(time) || !entry.Channels.Contains(channel))
            {
                return false;
            }

            // A client with no channel left takes no room at all.
            var updated = entry.Channels.Remove(channel);
            var swapped = updated.IsEmpty
                ? _byClient.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry))
                : _byClient.TryUpdate(key, entry with { Channels = updated }, entry);
            if (swapped)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps a client's memberships for <paramref name="retention"/> from now.</summary>
    private void Retain(string applicationId, string clientId, TimeSpan retention)
    {
        var key = (applicationId, clientId);
        var expires = time.GetUtcNow() + retention;
        while (_byClient.TryGetValue(key, out var entry) && entry.IsLive(time))
        {
            if (_byClient.TryUpdate(key, entry with { ExpiresAt = expires }, entry))
            {
                return;
            }
        }
    }

    /// <summary>The client's channels, in ordinal order.</summary>
    private IReadOnlyList<string> Of(string applicationId, string clientId) =>
        _byClient.TryGetValue((applicationId, clientId), out var entry) && entry.IsLive(time) ? entry.Channels.ToArray() : [];

    /// <summary>Forgets the memberships that expired.</summary>
    /// <returns>How many clients' memberships were forgotten.</returns>
    public int Sweep()
    {
        var removed = 0;
        foreach (var pair in _byClient)
        {
            if (!pair.Value.IsLive(time) && _byClient.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private sealed record Entry(ImmutableSortedSet<string> Channels, DateTimeOffset ExpiresAt)
    {
        public bool IsLive(TimeProvider time) => time.GetUtcNow() < ExpiresAt;
    }
}
