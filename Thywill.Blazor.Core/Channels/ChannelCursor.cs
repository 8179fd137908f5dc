using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Where one client is in one channel. While a channel is being recovered, live events wait in
/// <see cref="Buffer"/> so history and live messages merge without a gap or a repeat. Guarded by
/// the owning <see cref="SubscriptionSet"/>'s lock.
/// </summary>
internal sealed class ChannelCursor(ChannelKey key, ChannelRule rule)
{
    /// <summary>The channel.</summary>
    public ChannelKey Key { get; } = key;

    /// <summary>The channel's rule: its retention and whether the archive holds older history.</summary>
    public ChannelRule Rule { get; } = rule;

    public string? Epoch;
    public long Offset;
    public bool Recovering = true;
    public List<IClientEvent>? Buffer = [];
    public IAsyncDisposable? Subscription;

    /// <summary>
    /// What follows is skipped and caught up from history: the outbox was full (Drop policy), or a
    /// live publication skipped an offset (a transport that can lose messages, such as pub/sub).
    /// </summary>
    public bool Lagging;

    /// <summary>A live publication came in a new epoch: the catch-up starts there, and reports the old one lost.</summary>
    public string? NewEpoch;

    /// <summary>A recovery outcome is still to be told to the client (it could not be queued yet).</summary>
    public bool ReportPending;

    /// <summary>Part of what the client missed is gone (retention, or a hole); told with the next report.</summary>
    public bool Lost;

    /// <summary>How many missed messages the recovery being reported delivered so far.</summary>
    public int ReportDelivered;

    /// <summary>Where the recovery being reported started.</summary>
    public long ReportFrom;
}
