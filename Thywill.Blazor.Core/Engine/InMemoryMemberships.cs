using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The in-memory engine's memberships: which channels each client of an application is in, kept
/// apart from the channels themselves because a client is a member while it is away too — but not for
/// ever: a client's memberships expire a retention after they were last added or retained, so clients
/// that never return leave nothing behind.
/// </summary>
internal sealed class InMemoryMemberships(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string App, string Client), Entry> _byClient = new();

    /// <summary>Clients with memberships (expired ones included until the next sweep).</summary>
    public int ClientCount => _byClient.Count;

    /// <summary>Makes the client a member; <see langword="false"/> when it already was.</summary>
    public bool Add(string applicationId, string clientId, string channel, TimeSpan retention)
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
    public bool Remove(string applicationId, string clientId, string channel)
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
    public void Retain(string applicationId, string clientId, TimeSpan retention)
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
    public IReadOnlyList<string> Of(string applicationId, string clientId) =>
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
