using System.Collections.Concurrent;
using System.Text.Json;

namespace Thywill.Blazor.Engine.InMemory;

/// <summary>
/// The single-process presence store: each channel's members, under one lock per channel, with each
/// change announced through the broker while that lock is held, so subscribers see the changes in
/// the order they were made. A channel whose last member leaves takes no room.
/// </summary>
internal sealed class InMemoryPresenceStore(InMemoryBroker broker) : IPresenceStore
{
    private readonly ConcurrentDictionary<ChannelKey, Members> _channels = new();

    public ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kept = member with { Info = member.Info.ValueKind == JsonValueKind.Undefined ? member.Info : member.Info.Clone() };
        while (true)
        {
            var members = _channels.GetOrAdd(channel, static _ => new Members());
            lock (members)
            {
                if (members.Removed)
                {
                    continue; // emptied meanwhile: its replacement takes the member
                }

                var existed = members.ById.TryGetValue(member.ClientId, out var previous);
                if (existed && SameInfo(previous!.Info, member.Info) && previous.UserId == member.UserId)
                {
                    return ValueTask.CompletedTask;
                }

                members.ById[member.ClientId] = kept;
                broker.Announce(new PresenceEvent(channel, existed ? "update" : "join", kept));
                return ValueTask.CompletedTask;
            }
        }
    }

    public ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var members))
        {
            return ValueTask.CompletedTask;
        }

        lock (members)
        {
            if (members.Removed || !members.ById.Remove(clientId, out var member))
            {
                return ValueTask.CompletedTask;
            }

            if (members.ById.Count == 0)
            {
                members.Removed = true;
                _channels.TryRemove(new KeyValuePair<ChannelKey, Members>(channel, members));
            }

            broker.Announce(new PresenceEvent(channel, "leave", member));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var members))
        {
            return ValueTask.FromResult<IReadOnlyList<PresenceMember>>([]);
        }

        lock (members)
        {
            return ValueTask.FromResult<IReadOnlyList<PresenceMember>>([.. members.ById.Values]);
        }
    }

    /// <inheritdoc />
    public int PresenceCountOf(string applicationId)
    {
        // Read when a collector asks, never on a hot path: one process holds every member.
        var count = 0;
        foreach (var (key, members) in _channels)
        {
            if (key.ApplicationId == applicationId)
            {
                lock (members)
                {
                    count += members.ById.Count;
                }
            }
        }

        return count;
    }

    /// <summary>How many channels have members (for tests).</summary>
    internal int ChannelCount => _channels.Count;

    private static bool SameInfo(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined
            ? a.ValueKind == b.ValueKind
            : JsonElement.DeepEquals(a, b);

    private sealed class Members
    {
        public readonly Dictionary<string, PresenceMember> ById = new(StringComparer.Ordinal);
        public bool Removed;
    }
}
