using System.Threading.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// One circuit's bounded queue of events (messages and channel notices) and the single pump that drains it: everything
/// pending goes out in one delivery (one interop call or one re-render), so throughput does not
/// collapse into one round trip per message. Enqueueing never blocks; a full outbox refuses. It is
/// bounded twice, in events and in bytes (of the events' JSON), and so is each delivery.
/// </summary>
internal sealed class Outbox
{
    private readonly Channel<IClientEvent> _queue;
    private readonly int _maxBatch;
    private readonly long _maxBytes;
    private readonly long _maxBatchBytes;
    private readonly Lock _bytesGate = new();
    private long _pendingBytes;
    private long _enqueued;
    private long _delivered;
    private long _batches;

    /// <summary>Creates an outbox.</summary>
    /// <param name="capacity">The most events it holds.</param>
    /// <param name="maxBatch">The most events in one delivery.</param>
    /// <param name="maxBytes">The most bytes it holds (an event larger than that still fits an empty outbox).</param>
    /// <param name="maxBatchBytes">The most bytes in one delivery (an event larger than that goes alone).</param>
    public Outbox(int capacity, int maxBatch, long maxBytes = long.MaxValue, long maxBatchBytes = long.MaxValue)
    {
        _queue = Channel.CreateBounded<IClientEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _maxBatch = maxBatch;
        _maxBytes = maxBytes;
        _maxBatchBytes = maxBatchBytes;
    }

    /// <summary>Messages waiting to be delivered.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Bytes (of the events' JSON) waiting to be delivered.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    /// <summary>Whether the outbox holds at most half of what it may, in events and in bytes.</summary>
    public bool AtMostHalfFull(int capacity) => Pending <= capacity / 2 && PendingBytes <= _maxBytes / 2;

    /// <summary>Messages accepted so far.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Messages delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries (batches) made so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Queues an event; <see langword="false"/> when the outbox is full or closed.</summary>
    public bool TryEnqueue(IClientEvent item)
    {
        var size = item.Json.Length;
        lock (_bytesGate)
        {
            // An empty outbox takes any one event, so a message within the message limit always goes.
            if (_pendingBytes > 0 && _pendingBytes + size > _maxBytes)
            {
                return false;
            }

            if (!_queue.Writer.TryWrite(item))
            {
                return false;
            }

            _pendingBytes += size;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Stops accepting; the pump finishes what is queued unless cancelled.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Drains the outbox until it is completed or <paramref name="cancellationToken"/> fires. The
    /// delivery delegate must return only when the batch is delivered (it retries internally);
    /// an exception from it ends the pump.
    /// </summary>
    public async Task PumpAsync(Func<IReadOnlyList<IClientEvent>, CancellationToken, Task> deliver, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        var batch = new List<IClientEvent>(); // grows with the first batches: an idle client keeps no array
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Up to the batch's size in events and in bytes; the first event goes whatever its size.
            long bytes = 0;
            while (batch.Count < _maxBatch && reader.TryPeek(out var next)
                && (batch.Count == 0 || bytes + next.Json.Length <= _maxBatchBytes)
                && reader.TryRead(out var item))
            {
                batch.Add(item);
                bytes += item.Json.Length;
            }

            lock (_bytesGate)
            {
                _pendingBytes -= bytes;
            }

            await deliver(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _delivered, batch.Count);
            Interlocked.Increment(ref _batches);
            batch.Clear();
        }
    }
}
