using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>
/// Where one client is in one channel. While a channel is being recovered, live events wait in
/// <see cref="Buffer"/> so history and live messages merge without a gap or a repeat.
/// </summary>
internal sealed class ChannelCursor
{
    public string? Epoch;
    public long Offset;
    public bool Recovering = true;
    public List<IClientEvent>? Buffer = [];
    public IAsyncDisposable? Subscription;

    /// <summary>The outbox was full (Drop policy): what follows is skipped and caught up from history.</summary>
    public bool Lagging;

    /// <summary>The channel, and how to read what it keeps, for catching up.</summary>
    public ChannelKey Key;

    public Func<ChannelKey, long, Task<ChannelHistory>>? ReadHistory;

    /// <summary>A recovery outcome is still to be told to the client (it could not be queued yet).</summary>
    public bool ReportPending;

    /// <summary>Part of what the client missed is gone (retention); told with the next report.</summary>
    public bool Lost;

    /// <summary>How many missed messages the recovery being reported delivered so far.</summary>
    public int ReportDelivered;

    /// <summary>Where the recovery being reported started.</summary>
    public long ReportFrom;
}
