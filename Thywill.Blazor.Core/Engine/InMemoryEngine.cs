using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The single-process engine. One lock per channel orders publications and hands them to
/// subscribers inside the lock, so every subscriber sees offsets in order even when many threads
/// publish to the same channel at once.
/// </summary>
internal sealed class InMemoryEngine(IOptionsMonitor<ThywillOptions> options, TimeProvider time) : IThywillEngine
{
    private readonly ConcurrentDictionary<ChannelKey, ChannelState> _channels = new();

    // A fresh epoch per process: offsets from before a restart never compare with new ones.
    private readonly string _epoch = IdGenerator.NewId()[..8];

    public ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = _channels.GetOrAdd(channel, static _ => new ChannelState());
        var engine = options.CurrentValue.Engine;
        Publication publication;
        lock (state)
        {
            var now = time.GetUtcNow();
            publication = new Publication(IdGenerator.NewId(), channel, _epoch, ++state.LatestOffset, from, data.Clone(), now);
            state.History.Enqueue(publication);
            Trim(state, engine, now);
            foreach (var subscriber in state.Subscribers)
            {
                subscriber.OnPublication(publication);
            }
        }

        return ValueTask.FromResult(publication);
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = _channels.GetOrAdd(channel, static _ => new ChannelState());
        lock (state)
        {
            state.Subscribers = state.Subscribers.Add(subscriber);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(state, subscriber));
    }

    public ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_channels.TryGetValue(channel, out var state))
        {
            return ValueTask.FromResult(new ChannelHistory(_epoch, 0, [], Complete: afterOffset == 0));
        }

        lock (state)
        {
            Trim(state, options.CurrentValue.Engine, time.GetUtcNow());
            var kept = state.History.Where(p => p.Offset > afterOffset).ToArray();
            var oldestKept = state.History.Count > 0 ? state.History.Peek().Offset : state.LatestOffset + 1;

            // Complete when nothing after afterOffset was trimmed away.
            var complete = afterOffset >= state.LatestOffset || oldestKept <= afterOffset + 1;
            return ValueTask.FromResult(new ChannelHistory(_epoch, state.LatestOffset, kept, complete));
        }
    }

    private static void Trim(ChannelState state, EngineOptions engine, DateTimeOffset now)
    {
        var oldest = now - engine.HistoryAge;
        while (state.History.Count > engine.HistorySize
            || (state.History.Count > 0 && state.History.Peek().Timestamp < oldest))
        {
            state.History.Dequeue();
        }
    }

    private sealed class ChannelState
    {
        public long LatestOffset;
        public readonly Queue<Publication> History = new();
        public ImmutableArray<IChannelSubscriber> Subscribers = [];
    }

    private sealed class Subscription(ChannelState state, IChannelSubscriber subscriber) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (state)
            {
                state.Subscribers = state.Subscribers.Remove(subscriber);
            }

            return ValueTask.CompletedTask;
        }
    }
}
