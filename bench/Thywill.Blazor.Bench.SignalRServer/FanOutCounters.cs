namespace Thywill.Blazor.Bench.SignalRServer;

/// <summary>The hub's shared state: connections, and the broadcast channel's offsets.</summary>
internal sealed class FanOutCounters
{
    private int _connected;
    private long _offset;

    /// <summary>A fixed epoch: the process never restarts during a run.</summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..8];

    public int Connected => Volatile.Read(ref _connected);

    public void Connect() => Interlocked.Increment(ref _connected);

    public void Disconnect() => Interlocked.Decrement(ref _connected);

    public long NextOffset() => Interlocked.Increment(ref _offset);
}
