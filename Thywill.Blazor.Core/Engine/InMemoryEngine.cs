using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    private readonly ConcurrentDictionary<string, StrongBox<int>> _channelsPerApplication = new(StringComparer.Ordinal);
    private readonly InMemoryMemberships _memberships = new(time);

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
            publication = new Publication(IdGenerator.NewId(), channel, state.Epoch, ++state.LatestOffset, from, data.Clone(), now, exclude)
            {
                Origin = Diagnostics.ThywillMetrics.PublishOrigin(),
            };
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
        var state = GetOrCreate(channel, () => new InMemoryChannel(epoch) { LatestOffset = latestOffset, Seeded = true });
        lock (state)
        {
            if (state.Removed)
            {
                // Swept between the two lines above (it was not seeded then): seed the new one.
                return SeedChannelAsync(channel, epoch, latestOffset, cancellationToken);
            }

            if (!state.Seeded && state.LatestOffset == 0 && state.History.Count == 0)
            {
                // Made by a join's reservation before the archive was read: nobody has seen its
                // epoch yet (everything that reads an archived channel seeds it first), so it takes
                // the archive's.
                state.Epoch = epoch;
                state.LatestOffset = latestOffset;
                state.Seeded = true;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> ForgetIfIdleAsync(ChannelKey channel, long persistedOffset, CancellationToken cancellationToken = default)
    {
        if (!_channels.TryGetValue(channel, out var state))
        {
            return ValueTask.FromResult(true);
        }

        lock (state)
        {
            if (state.Removed)
            {
                return ValueTask.FromResult(true);
            }

            if (!state.Seeded || !state.Subscribers.IsEmpty || state.PresenceCount > 0 || state.LatestOffset != persistedOffset)
            {
                return ValueTask.FromResult(false);
            }

            Remove(channel, state);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> ReserveChannelAsync(ChannelKey channel, int maxPerApplication, CancellationToken cancellationToken = default)
    {
        if (channel.Name.StartsWith('$') || _channels.ContainsKey(channel))
        {
            return ValueTask.FromResult(true);
        }

        // One reservation at a time per application, so that concurrent joins cannot all pass the cap.
        var count = CountOf(channel.ApplicationId);
        lock (count)
        {
            if (_channels.ContainsKey(channel))
            {
                return ValueTask.FromResult(true);
            }

            if (Volatile.Read(ref count.Value) >= maxPerApplication)
            {
                return ValueTask.FromResult(false);
            }

            Monitor.Exit(Acquire(channel));
            return ValueTask.FromResult(true);
        }
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

    public ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_memberships.Add(applicationId, clientId, channel, retention));

    public ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var added = new IReadOnlyList<string>[clients.Count];
        for (var i = 0; i < clients.Count; i++)
        {
            var (applicationId, clientId, channels) = clients[i];
            added[i] = channels.Where(c => _memberships.Add(applicationId, clientId, c, retention)).ToArray();
            _memberships.Retain(applicationId, clientId, retention);
        }

        return ValueTask.FromResult<IReadOnlyList<IReadOnlyList<string>>>(added);
    }

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
            var state = GetOrCreate(channel, () => new InMemoryChannel(CurrentEpoch));
            Monitor.Enter(state);
            if (!state.Removed)
            {
                return state;
            }

            Monitor.Exit(state);
        }
    }

    // The channel's state, made (and counted for its application) when there is none.
    private InMemoryChannel GetOrCreate(ChannelKey channel, Func<InMemoryChannel> create)
    {
        if (_channels.TryGetValue(channel, out var state))
        {
            return state;
        }

        var created = create();
        state = _channels.GetOrAdd(channel, created);
        if (ReferenceEquals(state, created) && !channel.Name.StartsWith('$'))
        {
            Interlocked.Increment(ref CountOf(channel.ApplicationId).Value);
        }

        return state;
    }

    // Called under the state's lock.
    private void Remove(ChannelKey channel, InMemoryChannel state)
    {
        state.Removed = true;
        if (_channels.TryRemove(new KeyValuePair<ChannelKey, InMemoryChannel>(channel, state)) && !channel.Name.StartsWith('$'))
        {
            Interlocked.Decrement(ref CountOf(channel.ApplicationId).Value);
        }
    }

    private StrongBox<int> CountOf(string applicationId) =>
        _channelsPerApplication.GetOrAdd(applicationId, static _ => new StrongBox<int>());

    /// <inheritdoc />
    public int ChannelCountOf(string applicationId) =>
        _channelsPerApplication.TryGetValue(applicationId, out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <inheritdoc />
    public int PresenceCountOf(string applicationId)
    {
        // Read when a collector asks, never on a hot path: one process holds every member.
        var count = 0;
        foreach (var (key, state) in _channels)
        {
            if (key.ApplicationId == applicationId)
            {
                count += state.PresenceCount;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChannelSummary>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var found = new List<ChannelSummary>();
        foreach (var (key, state) in _channels)
        {
            if (key.ApplicationId != applicationId || (!includeFramework && key.Name.StartsWith('$')))
            {
                continue;
            }

            lock (state)
            {
                if (state.Removed)
                {
                    continue;
                }

                state.Trim(rules.ForServer(key), now);
                found.Add(new ChannelSummary(key.Name, state.Epoch, state.LatestOffset, state.History.Count, state.HistoryBytes, state.PresenceCount, state.Subscribers.Count));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return ValueTask.FromResult<IReadOnlyList<ChannelSummary>>(found.Count > max ? found[..max] : found);
    }

    /// <summary>How many clients have memberships (for tests and operators).</summary>
    public int MemberClientCount => _memberships.ClientCount;

    /// <summary>
    /// Forgets channels nobody uses any more — no subscriber, no presence, nothing left in history
    /// after trimming — so departed clients' personal channels do not accumulate — and memberships
    /// that expired. Seeded (archived) channels are kept: their epoch and offsets come from the
    /// database, and they are forgotten through <see cref="ForgetIfIdleAsync"/> once it has them all.
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

                Remove(key, state);
                removed++;
            }
        }

        _memberships.Sweep();
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
