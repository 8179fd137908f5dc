using System.Collections.Concurrent;
using System.Text.Json;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The single-process engine. One lock per channel orders publications and presence changes and
/// hands them to subscribers inside the lock, so every subscriber sees them in order even when many
/// threads publish to the same channel at once.
/// </summary>
internal sealed class InMemoryEngine(ChannelRules rules, TimeProvider time) : IThywillEngine
{
    private readonly ConcurrentDictionary<ChannelKey, InMemoryChannel> _channels = new();
    private readonly InMemoryMemberships _memberships = new();

    // A fresh epoch per process: offsets of channels that are not archived restart with the process
    // and never compare with offsets from before. A sweep that forgets channels moves to a new
    // generation, so a forgotten channel that comes back restarts its offsets in a new epoch too.
    private readonly string _processEpoch = IdGenerator.NewId()[..8];
    private int _generation;

    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rule = rules.ForServer(channel);
        Publication publication;
        var state = Acquire(channel);
        try
        {
            var now = time.GetUtcNow();
            publication = new Publication(IdGenerator.NewId(), channel, state.Epoch, ++state.LatestOffset, from, data.Clone(), now, exclude);
            state.Keep(publication);
            state.Trim(rule, now);
            foreach (var subscriber in state.Subscribers)
            {
                subscriber.OnPublication(publication);
            }
        }
        finally
        {
            Monitor.Exit(state);
        }

        return ValueTask.FromResult(publication);
    }

    public ValueTask SeedChannelAsync(ChannelKey channel, string epoch, long latestOffset, CancellationToken cancellationToken = default)
    {
        var state = _channels.GetOrAdd(channel, static (_, seed) => new InMemoryChannel(seed.epoch) { LatestOffset = seed.latestOffset, Seeded = true }, (epoch, latestOffset));
        lock (state)
        {
            if (state.Removed)
            {
                // Swept between the two lines above (it was not seeded then): seed the new one.
                return SeedChannelAsync(channel, epoch, latestOffset, cancellationToken);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = Acquire(channel);
        try
        {
            state.Subscribers.Add(subscriber);
        }
        finally
        {
            Monitor.Exit(state);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new InMemoryChannel.Subscription(state, subscriber));
    }

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = Acquire(channel);
        try
        {
            state.Trim(rules.ForServer(channel), time.GetUtcNow());
            var kept = state.History.Where(p => p.Offset > afterOffset).ToArray();
            var oldestKept = state.History.Count > 0 ? state.History.Peek().Offset : state.LatestOffset + 1;

            // Complete when nothing after afterOffset was trimmed away.
            var complete = afterOffset >= state.LatestOffset || oldestKept <= afterOffset + 1;
            return ValueTask.FromResult(new ChannelHistory(state.Epoch, state.LatestOffset, kept, complete));
        }
        finally
        {
            Monitor.Exit(state);
        }
    }

    public ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default)
    {
        var state = Acquire(channel);
        try
        {
            var existed = state.TryGetMember(member.ClientId, out var previous);
            if (existed && SameInfo(previous!.Info, member.Info) && previous.UserId == member.UserId)
            {
                return ValueTask.CompletedTask;
            }

            state.Presence[member.ClientId] = member with { Info = member.Info.ValueKind == JsonValueKind.Undefined ? member.Info : member.Info.Clone() };
            Notify(state, new PresenceEvent(channel, existed ? "update" : "join", member));
        }
        finally
        {
            Monitor.Exit(state);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var state))
        {
            return ValueTask.CompletedTask;
        }

        lock (state)
        {
            if (state.RemoveMember(clientId, out var member))
            {
                Notify(state, new PresenceEvent(channel, "leave", member));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var state))
        {
            return ValueTask.FromResult<IReadOnlyList<PresenceMember>>([]);
        }

        lock (state)
        {
            return ValueTask.FromResult<IReadOnlyList<PresenceMember>>(state.Members());
        }
    }

    public ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_memberships.Add(applicationId, clientId, channel));

    public ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_memberships.Remove(applicationId, clientId, channel));

    public ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_memberships.Of(applicationId, clientId));

    private string CurrentEpoch
    {
        get
        {
            var generation = Volatile.Read(ref _generation);
            return generation == 0 ? _processEpoch : _processEpoch + "." + generation;
        }
    }

    // The channel's state, locked. A state the sweeper removed meanwhile is never used: the caller
    // gets the fresh one that replaces it.
    private InMemoryChannel Acquire(ChannelKey channel)
    {
        while (true)
        {
            var state = _channels.GetOrAdd(channel, static (_, epoch) => new InMemoryChannel(epoch), CurrentEpoch);
            Monitor.Enter(state);
            if (!state.Removed)
            {
                return state;
            }

            Monitor.Exit(state);
        }
    }

    /// <summary>
    /// Forgets channels nobody uses any more — no subscriber, no presence, nothing left in history
    /// after trimming — so departed clients' personal channels do not accumulate. Seeded (archived)
    /// channels are kept: their epoch and offsets come from the database.
    /// </summary>
    /// <returns>How many channels were forgotten.</returns>
    public int Sweep()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (key, state) in _channels)
        {
            lock (state)
            {
                state.Trim(rules.ForServer(key), now);
                if (state.Seeded || !state.Subscribers.IsEmpty || state.PresenceCount > 0 || state.History.Count > 0)
                {
                    continue;
                }

                if (removed == 0)
                {
                    Interlocked.Increment(ref _generation);
                }

                state.Removed = true;
                _channels.TryRemove(new KeyValuePair<ChannelKey, InMemoryChannel>(key, state));
                removed++;
            }
        }

        return removed;
    }

    /// <summary>How many channels the engine holds (for tests and operators).</summary>
    public int ChannelCount => _channels.Count;

    private static bool SameInfo(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined
            ? a.ValueKind == b.ValueKind
            : JsonElement.DeepEquals(a, b);

    private static void Notify(InMemoryChannel state, PresenceEvent presence)
    {
        foreach (var subscriber in state.Subscribers)
        {
            subscriber.OnPresence(presence);
        }
    }
}
