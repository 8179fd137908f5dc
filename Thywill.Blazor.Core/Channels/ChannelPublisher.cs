using System.Text.Json;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Channels;

/// <summary>Publishes to a channel: the engine gives the offset and fans out; archived channels are also written to the database.</summary>
internal sealed class ChannelPublisher(IChannelBroker broker, ArchivedChannels archived, ThywillMetrics metrics)
{
    /// <summary>Publishes; completes once the publication is kept (and archived, where the rule says so).</summary>
    public async Task<Publication> PublishAsync(ChannelKey key, ChannelRule rule, string? from, JsonElement data, IReadOnlyList<string>? exclude, CancellationToken cancellationToken)
    {
        // The channel's name is not a tag: a browser chooses it, and a trace is not an access log.
        using var activity = ThywillMetrics.Activities.StartActivity(ThywillMetrics.PublishActivity);
        activity?.SetTag("thywill.application", key.ApplicationId);
        activity?.SetTag("thywill.archived", rule.Archive);

        // Held until the publication is archived too: the channel is not closed with a write on its way.
        using var lease = await archived.LeaseAsync(key, rule).ConfigureAwait(false);
        var publication = rule.Archive
            ? await archived.SeededAsync(key, () => broker.PublishAsync(key, from, data, rule.Retention, exclude, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false)
            : await broker.PublishAsync(key, from, data, rule.Retention, exclude, cancellationToken).ConfigureAwait(false);
        if (rule.Archive)
        {
            await archived.Archive.AppendAsync(publication, rule.HistorySize, CancellationToken.None).ConfigureAwait(false);
        }

        activity?.SetTag("thywill.offset", publication.Offset);
        metrics.Published(key.ApplicationId);
        return publication;
    }
}
