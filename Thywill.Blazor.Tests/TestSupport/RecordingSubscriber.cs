using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A subscriber that keeps what it receives, in the order it received it.</summary>
internal sealed class RecordingSubscriber : IChannelSubscriber
{
    private readonly Lock _gate = new();
    private readonly List<Publication> _received = [];
    private readonly List<PresenceEvent> _presence = [];
    private readonly List<(Func<bool> Reached, TaskCompletionSource Signal)> _waiters = [];

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
            Release();
        }
    }

    public void OnPresence(PresenceEvent presence)
    {
        lock (_gate)
        {
            _presence.Add(presence);
            Release();
        }
    }

    /// <summary>
    /// Completes once <paramref name="count"/> presence events have arrived — for changes that happen
    /// on another thread. The timeout only keeps a broken test from hanging.
    /// </summary>
    public Task WaitForPresenceAsync(int count) => WaitAsync(() => _presence.Count >= count);

    /// <summary>Completes once <paramref name="count"/> publications have arrived; same rules as <see cref="WaitForPresenceAsync"/>.</summary>
    public Task WaitForPublicationsAsync(int count) => WaitAsync(() => _received.Count >= count);

    private Task WaitAsync(Func<bool> reached)
    {
        lock (_gate)
        {
            if (reached())
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((reached, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private void Release()
    {
        foreach (var waiter in _waiters.Where(w => w.Reached()).ToArray())
        {
            _waiters.Remove(waiter);
            waiter.Signal.TrySetResult();
        }
    }
}
