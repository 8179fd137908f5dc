using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Diagnostics;

/// <summary>
/// What the node holds now, read when a collector asks (nothing is counted on the hot path): the
/// messages waiting in its clients' outboxes, the channels its engine keeps and the presence members it holds, per application.
/// Started with the host so that the gauges exist before the first scrape.
/// </summary>
internal sealed class NodeGauges(ThywillMetrics metrics, IClientDirectory clients, IChannelBroker broker, IPresenceStore presenceStore, IApplicationCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("thywill.outbox.depth", OutboxDepths, "{message}", "Messages waiting in the outboxes of the node's clients, per application.");
        metrics.Meter.CreateObservableGauge("thywill.channels", Channels, "{channel}", "Channels (besides each client's own) the engine keeps, per application.");
        metrics.Meter.CreateObservableGauge("thywill.presence.members", PresenceMembers, "{member}", "Presence members of channels held by the node's clients, per application.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> OutboxDepths() =>
        clients.GetConnected()
            .GroupBy(c => c.Client.ApplicationId, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(c => (long)c.Pending), new KeyValuePair<string, object?>("thywill.application", g.Key)));

    private IEnumerable<Measurement<long>> PresenceMembers() =>
        catalog.All.Select(d => new Measurement<long>(presenceStore.PresenceCountOf(d.Id), new KeyValuePair<string, object?>("thywill.application", d.Id)));

    private IEnumerable<Measurement<long>> Channels() =>
        catalog.All.Select(d => new Measurement<long>(broker.ChannelCountOf(d.Id), new KeyValuePair<string, object?>("thywill.application", d.Id)));
}
