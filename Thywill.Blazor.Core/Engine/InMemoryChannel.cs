using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Engine;

/// <summary>
/// One channel of the in-memory engine: epoch, newest offset, retained history, presence and this
/// node's subscribers. The engine locks the instance for every change, which is what orders
/// publications and presence events for every subscriber.
/// </summary>
internal sealed class InMemoryChannel(string epoch)
{
    public string Epoch = epoch;
    public readonly Queue<Publication> History = new();
    public readonly SubscriberList Subscribers = new();
    public bool Seeded;
    public bool Removed;
    public long LatestOffset;

    /// <summary>Bytes of the payloads in <see cref="History"/>.</summary>
    public long HistoryBytes;

    // Personal channels ($client:, $session:) never have presence: their states stay without it.
    private Dictionary<string, PresenceMember>? _presence;

    public Dictionary<string, PresenceMember> Presence => _presence ??= new(StringComparer.Ordinal);

    public int PresenceCount => _presence?.Count ?? 0;

    public bool TryGetMember(string clientId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PresenceMember? member)
    {
        member = null;
        return _presence?.TryGetValue(clientId, out member) == true;
    }

    public bool RemoveMember(string clientId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PresenceMember? member)
    {
        member = null;
        return _presence?.Remove(clientId, out member) == true;
    }

    public PresenceMember[] Members() => _presence is null ? [] : [.. _presence.Values];

    /// <summary>Keeps a new publication (trim afterwards).</summary>
    public void Keep(Publication publication)
    {
        History.Enqueue(publication);
        HistoryBytes += publication.Size;
    }

    /// <summary>Drops what the rule no longer retains: beyond its size or its bytes, or older than its age.</summary>
    public void Trim(ChannelRule rule, DateTimeOffset now)
    {
        var oldest = now - rule.HistoryAge;
        while (History.Count > rule.HistorySize
            || (History.Count > 0 && (HistoryBytes > rule.HistoryMaxBytes || History.Peek().Timestamp < oldest)))
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
