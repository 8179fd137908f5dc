namespace Thywill.Blazor.Engine.InMemory;

/// <summary>
/// One channel of the in-memory broker: epoch, newest offset, retained history and this node's
/// subscribers. The broker locks the instance for every change and every delivery, which is what
/// orders publications and presence events for every subscriber.
/// </summary>
internal sealed class InMemoryChannel(string epoch)
{
    public string Epoch = epoch;
    public readonly Queue<Publication> History = new();
    public readonly SubscriberList Subscribers = new();
    public bool Seeded;
    public bool Removed;
    public long LatestOffset;

    /// <summary>The retention its newest publication came with: what the history is trimmed to until the next.</summary>
    public ChannelRetention Retention;

    /// <summary>Bytes of the payloads in <see cref="History"/>.</summary>
    public long HistoryBytes;

    /// <summary>Keeps a new publication (trim afterwards).</summary>
    public void Keep(Publication publication)
    {
        History.Enqueue(publication);
        HistoryBytes += publication.Size;
    }

    /// <summary>Drops what <see cref="Retention"/> no longer keeps: beyond its size or its bytes, or older than its age.</summary>
    public void Trim(DateTimeOffset now)
    {
        var oldest = now - Retention.Age;
        while (History.Count > Retention.Size
            || (History.Count > 0 && (HistoryBytes > Retention.MaxBytes || History.Peek().Timestamp < oldest)))
        {
            HistoryBytes -= History.Dequeue().Size;
        }
    }

    /// <summary>A subscriber's place in the channel, given up on dispose.</summary>
    public sealed class Subscription(InMemoryChannel channel, IChannelSubscriber subscriber) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (channel)
            {
                channel.Subscribers.Remove(subscriber);
            }

            return ValueTask.CompletedTask;
        }
    }
}
