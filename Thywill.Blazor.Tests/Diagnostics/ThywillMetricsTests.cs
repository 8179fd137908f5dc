using System.Diagnostics;
using System.Text.Json;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Diagnostics;

/// <summary>
/// The browser's operations as the meter sees them: what was published, what was refused and why,
/// and the RPC functions by name — a name the application does not declare is one tag, whatever the
/// browser sent.
/// </summary>
public sealed class ThywillMetricsTests : IDisposable
{
    private readonly RecordingApplication _application = new();
    private readonly TestChannels _channels;
    private readonly ClientSession _client;
    private readonly TestMetrics _recorded;

    public ThywillMetricsTests()
    {
        var options = new TestOptions();
        options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels =
            [
                new() { Pattern = "room:*", Join = true, Publish = true, Presence = true },
                new() { Pattern = "staff:*" },
            ],
        };
        options.RateLimits.Join.PerSecond = 1;
        options.RateLimits.Join.Burst = 3;
        _channels = new TestChannels(_application, options);
        _recorded = new TestMetrics(_channels.Metrics);
        _client = _channels.Connect();
    }

    [Fact]
    public async Task Publications_AreCountedPerApplication()
    {
        Assert.True((await _client.JoinAsync("room:1", null, default)).Ok);

        await _client.PublishAsync("room:1", JsonSerializer.SerializeToElement("a"), excludeSelf: false, default);
        await _client.PublishAsync("room:1", JsonSerializer.SerializeToElement("b"), excludeSelf: false, default);
        await _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", "from the server");

        Assert.Equal(3, _recorded.Sum("thywill.publications", ("thywill.application", _channels.ApplicationId)));
    }

    [Fact]
    public async Task Refusals_AreCountedByOperationAndCode_AndWhatWasRefusedIsNotPublished()
    {
        await _client.JoinAsync("staff:1", null, default);
        await _client.PublishAsync("room:9", JsonSerializer.SerializeToElement("x"), excludeSelf: false, default);
        await _client.JoinAsync("room:1", null, default);
        await _client.JoinAsync("room:2", null, default);
        await _client.JoinAsync("room:3", null, default);

        Assert.Equal(1, _recorded.Sum("thywill.refusals", ("thywill.operation", "join"), ("error.code", ErrorCodes.NoPermission)));
        Assert.Equal(1, _recorded.Sum("thywill.refusals", ("thywill.operation", "publish"), ("error.code", ErrorCodes.NotMember)));
        Assert.Equal(1, _recorded.Sum("thywill.refusals", ("thywill.operation", "join"), ("error.code", ErrorCodes.RateLimited)));
        Assert.Equal(0, _recorded.Sum("thywill.publications"));
    }

    [Fact]
    public async Task Calls_AreTimedByFunction_AndAnUnknownNameIsOneTag()
    {
        var none = JsonSerializer.SerializeToElement(Array.Empty<object>());
        await _client.CallAsync("nothing-" + Guid.NewGuid(), none);
        await _client.CallAsync("something-else", none);

        Assert.Equal(2, _recorded.Count("thywill.rpc.duration", ("thywill.function", ThywillMetrics.UnknownFunction), ("error.code", ErrorCodes.NotFound)));
        Assert.Equal(2, _recorded.Sum("thywill.refusals", ("thywill.operation", "call"), ("error.code", ErrorCodes.NotFound)));
    }

    [Fact]
    public async Task PresenceMembers_AreAGaugePerApplication_ReadWhenCollected()
    {
        var gauges = new NodeGauges(_channels.Metrics, _channels.Registry, _channels.Engine, _channels.Engine, new FakeApplicationCatalog(_application.Descriptor));
        await gauges.StartAsync(default);
        var other = _channels.Connect("client-2");

        Assert.True((await _client.JoinAsync("room:1", null, default)).Ok);
        Assert.True((await other.JoinAsync("room:1", null, default)).Ok);
        Assert.True((await other.JoinAsync("room:2", null, default)).Ok);
        _recorded.Observe();
        Assert.Equal(3, _recorded.Last("thywill.presence.members", ("thywill.application", _channels.ApplicationId)));

        Assert.True((await other.LeaveAsync("room:1", default)).Ok);
        _recorded.Observe();
        Assert.Equal(2, _recorded.Last("thywill.presence.members", ("thywill.application", _channels.ApplicationId)));
    }

    [Fact]
    public async Task Delivery_IsLinkedToThePublishOfWhatItCarries()
    {
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ThywillTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("thywill.application"), _channels.ApplicationId))
                {
                    lock (started)
                    {
                        started.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var transport = new RecordingTransport();
        _client.Start(transport);
        Assert.True((await _client.JoinAsync("room:1", null, default)).Ok);

        await _client.PublishAsync("room:1", JsonSerializer.SerializeToElement("a"), excludeSelf: false, default);

        Activity? delivery = null;
        for (var wait = 0; wait < 500 && delivery is null; wait++)
        {
            await Task.Delay(10);
            lock (started)
            {
                delivery = started.FirstOrDefault(a => a.OperationName == "thywill.deliver" && a.Links.Any());
            }
        }

        Activity publish;
        lock (started)
        {
            publish = Assert.Single(started, a => a.OperationName == "thywill.publish");
        }

        Assert.NotNull(delivery);
        Assert.Equal(publish.Context, Assert.Single(delivery.Links).Context);
        Assert.NotEqual(publish.TraceId, delivery.TraceId);
    }

    public void Dispose() => _recorded.Dispose();
}
