using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Thywill.Blazor.Engine.InMemory;

/// <summary>
/// The single-process broker. One lock per channel orders publications and presence changes and
/// hands them to subscribers inside the lock, so every subscriber sees them in order even when many
/// threads publish to the same channel at once.
/// </summary>
internal sealed class InMemoryBroker(TimeProvider time) : IChannelBroker
{
    private readonly ConcurrentDictionary<ChannelKey, InMemoryChannel> _channels = new();
    private readonly ConcurrentDictionary<string, StrongBox<int>> _channelsPerApplication = new(StringComparer.Ordinal);

    // A fresh epoch per process: offsets of channels that are not archived restart with the process
    // and never compare with offsets from before. A sweep that forgets channels moves to a new
    // generation, so a forgotten channel that comes back restarts its offsets in a new epoch too.
    private readonly string _processEpoch = IdGenerator.NewId()[..8];
    private int _generation;

    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, ChannelRetention retention, IReadOnlyList<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Publication publication;
        var state = Acquire(channel);
        try
        {
            if (retention.Archived && !state.Seeded)
            {
                // Forgotten between the caller's seeding and now: a new epoch would reuse the archive's offsets.
                throw new UnseededChannelException(channel);
            }

            var now = time.GetUtcNow();
            publication = new Publication(IdGenerator.NewId(), channel, state.Epoch, ++state.LatestOffset, from, data.Clone(), now, exclude)
            {
                Origin = Diagnostics.ThywillMetrics.PublishOrigin(),
            };
            state.Keep(publication);
            state.Retention = retention;
            state.Trim(now);
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

            if (!state.Seeded || !state.Subscribers.IsEmpty || state.LatestOffset != persistedOffset)
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

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        ReadHistory(channel, afterOffset, seeded: false, cancellationToken);

    public ValueTask<ChannelHistory> ReadSeededHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default) =>
        ReadHistory(channel, afterOffset, seeded: true, cancellationToken);

    private ValueTask<ChannelHistory> ReadHistory(ChannelKey channel, long afterOffset, bool seeded, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = Acquire(channel);
        try
        {
            if (seeded && !state.Seeded)
            {
                throw new UnseededChannelException(channel);
            }

            state.Trim(time.GetUtcNow());
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

    /// <summary>
    /// Hands a presence change to the channel's subscribers, in order with its publications (under
    /// the channel's lock). A channel with no subscriber has nobody to tell.
    /// </summary>
    /// <param name="presence">The change.</param>
    internal void Announce(PresenceEvent presence)
    {
        while (_channels.TryGetValue(presence.Channel, out var state))
        {
            lock (state)
            {
                if (state.Removed)
                {
                    continue; // swept meanwhile: a fresh state may hold new subscribers
                }

                foreach (var subscriber in state.Subscribers)
                {
                    subscriber.OnPresence(presence);
                }

                return;
            }
        }
    }

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
    public ValueTask<IReadOnlyList<BrokerChannel>> ListChannelsAsync(string applicationId, int max, bool includeFramework, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var found = new List<BrokerChannel>();
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

                state.Trim(now);
                found.Add(new BrokerChannel(key.Name, state.Epoch, state.LatestOffset, state.History.Count, state.HistoryBytes, state.Subscribers.Count));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return ValueTask.FromResult<IReadOnlyList<BrokerChannel>>(found.Count > max ? found[..max] : found);
    }

    /// <summary>
    /// Forgets channels nobody uses any more — no subscriber, nothing left in history after
    /// trimming — so departed clients' personal channels do not accumulate. Seeded (archived) channels are kept: their epoch and offsets come from the
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
                state.Trim(now);
                if (state.Seeded || !state.Subscribers.IsEmpty || state.History.Count > 0)
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

        return removed;
    }

    /// <summary>How many channels the broker holds (for tests and operators).</summary>
    public int ChannelCount => _channels.Count;
}
