using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The in-memory engine's memberships: which channels each client of an application is in, kept
/// apart from the channels themselves because a client is a member while it is away too.
/// </summary>
internal sealed class InMemoryMemberships
{
    private readonly ConcurrentDictionary<(string App, string Client), ImmutableSortedSet<string>> _byClient = new();

    /// <summary>Makes the client a member; <see langword="false"/> when it already was.</summary>
    public bool Add(string applicationId, string clientId, string channel)
    {
        var added = false;
        _byClient.AddOrUpdate(
            (applicationId, clientId),
            _ =>
            {
                added = true;
                return ImmutableSortedSet.Create(StringComparer.Ordinal, channel);
            },
            (_, set) =>
            {
                added = !set.Contains(channel);
                return set.Add(channel);
            });
        return added;
    }

    /// <summary>Ends a membership; <see langword="false"/> when there was none.</summary>
    public bool Remove(string applicationId, string clientId, string channel)
    {
        var key = (applicationId, clientId);
        while (_byClient.TryGetValue(key, out var set))
        {
            if (!set.Contains(channel))
            {
                return false;
            }

            // A client with no channel left takes no room at all.
            var updated = set.Remove(channel);
            var swapped = updated.IsEmpty
                ? _byClient.TryRemove(new KeyValuePair<(string, string), ImmutableSortedSet<string>>(key, set))
                : _byClient.TryUpdate(key, updated, set);
            if (swapped)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The client's channels, in ordinal order.</summary>
    public IReadOnlyList<string> Of(string applicationId, string clientId) =>
        _byClient.TryGetValue((applicationId, clientId), out var set) ? set.ToArray() : [];
}
