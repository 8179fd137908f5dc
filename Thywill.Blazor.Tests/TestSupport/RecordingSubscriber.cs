using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A subscriber that keeps what it receives, in the order it received it.</summary>
internal sealed class RecordingSubscriber : IChannelSubscriber
{
    private readonly Lock _gate = new();
    private readonly List<Publication> _received = [];
    private readonly List<PresenceEvent> _presence = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _presenceWaiters = [];

    public IReadOnlyList<PresenceEvent> Presence
    {
        get
        {
            lock (_gate)
            {
                return [.. _presence];
            }
        }
    }

    public IReadOnlyList<Publication> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public IReadOnlyList<long> Offsets => [.. Received.Select(p => p.Offset)];

    public void OnPublication(Publication publication)
    {
        lock (_gate)
        {
            _received.Add(publication);
        }
    }

    public void OnPresence(PresenceEvent presence)
    {
        lock (_gate)
        {
            _presence.Add(presence);
            foreach (var waiter in _presenceWaiters.Where(w => w.Count <= _presence.Count).ToArray())
            {
                _presenceWaiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="count"/> presence events have arrived — for changes that happen
    /// on another thread. The timeout only keeps a broken test from hanging.
    /// </summary>
    public Task WaitForPresenceAsync(int count)
    {
        lock (_gate)
        {
            if (_presence.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _presenceWaiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
