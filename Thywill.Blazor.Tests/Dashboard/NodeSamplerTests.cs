using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Host.Dashboard;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Dashboard;

public sealed class NodeSamplerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeClientDirectory _clients = new();
    private readonly ThywillMetrics _metrics;
    private readonly NodeSampler _sampler;

    public NodeSamplerTests()
    {
        var factory = _meters.GetRequiredService<IMeterFactory>();
        _metrics = new ThywillMetrics(factory);
        _sampler = new NodeSampler(factory, _clients, _time, NullLogger<NodeSampler>.Instance);
    }

    [Fact]
    public void Sample_GivesTheRatesOfTheNodesCounters_OverTheInterval()
    {
        for (var i = 0; i < 10; i++)
        {
            _metrics.Published("chat");
        }

        _metrics.Delivered("chat", 30);
        _metrics.Refused("chat", "publish", "rate-limited");
        _metrics.Recovered("chat", recovered: true);
        _metrics.Recovered("chat", recovered: false);
        _time.Advance(TimeSpan.FromSeconds(2));

        var sample = _sampler.Sample();

        Assert.Equal(5, sample.PublicationsPerSecond, 3);
        Assert.Equal(15, sample.DeliveriesPerSecond, 3);
        Assert.Equal(0.5, sample.RefusalsPerSecond, 3);
        Assert.Equal(1, sample.RecoveriesPerSecond, 3);
        Assert.Equal(new NodeTotals(10, 30, 1, 2, 1), sample.Totals);

        // The next interval starts from here.
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = _sampler.Sample();
        Assert.Equal(0, next.PublicationsPerSecond);
        Assert.Equal(sample.Totals, next.Totals);
    }

    [Fact]
    public void Sample_CountsClientsAndTheChannelGauge()
    {
        _clients.Clients.Add(new ConnectedClient(new ClientInfo("chat", "c1", "s1", null), null, DateTimeOffset.UnixEpoch, true, 0, 0, 0, []));
        _metrics.Meter.CreateObservableGauge("thywill.channels", () => new Measurement<long>(7));

        var sample = _sampler.Sample();

        Assert.Equal(1, sample.Clients);
        Assert.Equal(7, sample.Channels);
        Assert.True(sample.WorkingSetBytes > 0);
        Assert.True(sample.HeapBytes > 0);
    }

    [Fact]
    public void Sample_DoesNotHearAnotherHostsMeter()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var other = new ThywillMetrics(otherHost.GetRequiredService<IMeterFactory>());

        other.Published("chat");

        Assert.Equal(0, _sampler.Sample().Totals.Publications);
    }

    [Fact]
    public void Recent_KeepsTheLastCapacitySamples_OldestFirst()
    {
        var sampled = 0;
        _sampler.Sampled += () => sampled++;

        for (var i = 0; i < NodeSampler.Capacity + 20; i++)
        {
            _time.Advance(NodeSampler.Interval);
            _sampler.Sample();
        }

        var recent = _sampler.Recent;
        Assert.Equal(NodeSampler.Capacity, recent.Count);
        Assert.Equal(recent[^1], _sampler.Latest);
        Assert.True(recent[0].At < recent[^1].At);
        Assert.Equal(NodeSampler.Capacity + 20, sampled);
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _meters.Dispose();
    }
}
