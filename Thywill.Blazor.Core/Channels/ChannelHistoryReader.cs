using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Reads what a channel keeps after an offset: the engine's memory first, the archive for what memory
/// no longer holds (archived channels only).
/// </summary>
internal sealed class ChannelHistoryReader(IChannelBroker broker, ArchivedChannels archived)
{
    /// <summary>Opens an archived channel and holds it open, for a subscription being made (see <see cref="ArchivedChannels"/>).</summary>
    public ValueTask<ArchivedChannels.Lease> LeaseAsync(ChannelKey key, ChannelRule rule) => archived.LeaseAsync(key, rule);

    /// <summary>What the channel keeps after <paramref name="afterOffset"/>, with its epoch and newest offset.</summary>
    /// <param name="key">The channel.</param>
    /// <param name="rule">Its rule (retention, archive).</param>
    /// <param name="afterOffset">The last offset the reader has; <see cref="long.MaxValue"/> for "nothing, just the epoch".</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    public async Task<ChannelHistory> ReadAsync(ChannelKey key, ChannelRule rule, long afterOffset, CancellationToken cancellationToken)
    {
        using var lease = await archived.LeaseAsync(key, rule).ConfigureAwait(false);
        if (!rule.Archive)
        {
            return await broker.ReadHistoryAsync(key, afterOffset, cancellationToken).ConfigureAwait(false);
        }

        var history = await archived.SeededAsync(key, () => broker.ReadSeededHistoryAsync(key, afterOffset, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        if (history.Complete)
        {
            return history;
        }

        var firstInMemory = history.Publications.Count > 0 ? history.Publications[0].Offset : history.LatestOffset + 1;
        var stored = await archived.Archive.ReadAsync(key, afterOffset, rule.HistorySize, cancellationToken).ConfigureAwait(false);
        var merged = WithinBytes(stored.Where(p => p.Offset < firstInMemory).Concat(history.Publications).ToArray(), rule.HistoryMaxBytes);

        // Complete when the archive reaches back to the first offset the reader lacks, with no hole.
        var complete = merged.Length > 0 && merged[0].Offset == afterOffset + 1
            && merged.Zip(merged.Skip(1)).All(pair => pair.Second.Offset == pair.First.Offset + 1);
        return history with { Publications = merged, Complete = complete || afterOffset >= history.LatestOffset };
    }

    // The newest publications whose payloads fit the rule's bytes, as the engine keeps them.
    private static Publication[] WithinBytes(Publication[] publications, long maxBytes)
    {
        long bytes = 0;
        var first = publications.Length;
        while (first > 0 && bytes + publications[first - 1].Size <= maxBytes)
        {
            bytes += publications[--first].Size;
        }

        return first == 0 ? publications : publications[first..];
    }

    /// <summary>The channel's epoch now.</summary>
    public async Task<string> EpochOfAsync(ChannelKey key, ChannelRule rule, CancellationToken cancellationToken) =>
        (await ReadAsync(key, rule, long.MaxValue, cancellationToken).ConfigureAwait(false)).Epoch;
}
