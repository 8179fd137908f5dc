using System.Threading.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// One circuit's bounded queue of events (messages and channel notices) and the single pump that drains it: everything
/// pending goes out in one delivery (one interop call or one re-render), so throughput does not
/// collapse into one round trip per message. Enqueueing never blocks; a full outbox refuses.
/// </summary>
internal sealed class Outbox
{
    private readonly Channel<IClientEvent> _queue;
    private readonly int _maxBatch;
    private long _enqueued;
    private long _delivered;
    private long _batches;

    public Outbox(int capacity, int maxBatch)
    {
        _queue = Channel.CreateBounded<IClientEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _maxBatch = maxBatch;
    }

    /// <summary>Messages waiting to be delivered.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Messages accepted so far.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Messages delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries (batches) made so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Queues an event; <see langword="false"/> when the outbox is full or closed.</summary>
    public bool TryEnqueue(IClientEvent item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        return false;
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
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await deliver(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _delivered, batch.Count);
            Interlocked.Increment(ref _batches);
            batch.Clear();
        }
    }
}
