using System.Diagnostics;
using System.Diagnostics.Metrics;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Diagnostics;

/// <summary>
/// The node's counters and histograms (<see cref="ThywillTelemetry.MeterName"/>), and its activity
/// source. Tags are bounded sets: applications, front ends, operations, error codes and the RPC
/// functions an application declares — never a client, channel or user, which a browser chooses.
/// </summary>
internal sealed class ThywillMetrics
{
    /// <summary>The tag value for an RPC name the application does not declare: a browser chooses it.</summary>
    public const string UnknownFunction = "(unknown)";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _connected;
    private readonly Counter<long> _connects;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _publications;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _overflows;
    private readonly Counter<long> _recoveries;
    private readonly Histogram<double> _rpcDuration;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _archiveWrite;
    private readonly Histogram<double> _engineDuration;

    // The factory owns the meter and disposes it with the container.
    public ThywillMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(ThywillTelemetry.MeterName);
        _connected = _meter.CreateUpDownCounter<long>("thywill.clients.connected", "{client}", "Clients connected to this node now.");
        _connects = _meter.CreateCounter<long>("thywill.client.connects", "{client}", "Clients that connected: new ones, and resumed ones (thywill.resumed).");
        _disconnects = _meter.CreateCounter<long>("thywill.client.disconnects", "{client}", "Clients that went away (their circuit closed).");
        _publications = _meter.CreateCounter<long>("thywill.publications", "{publication}", "Publications to channels, by browsers and by the server.");
        _deliveries = _meter.CreateCounter<long>("thywill.deliveries", "{message}", "Messages delivered to browsers.");
        _batchSize = _meter.CreateHistogram<int>("thywill.delivery.batch.size", "{message}", "Messages per delivery (one interop call or render).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        _overflows = _meter.CreateCounter<long>("thywill.outbox.overflows", "{event}", "Messages that found a client's outbox full, by the policy applied.");
        _recoveries = _meter.CreateCounter<long>("thywill.recoveries", "{recovery}", "Channel recoveries after a reconnect or reload; thywill.recovered=false when history no longer covered the gap.");
        _rpcDuration = _meter.CreateHistogram<double>("thywill.rpc.duration", "s", "RPC calls by function, with their outcome (error.code, empty when it succeeded).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _refusals = _meter.CreateCounter<long>("thywill.refusals", "{operation}", "Browser operations refused, by operation and error code.");
        _archiveWrite = _meter.CreateHistogram<double>("thywill.archive.write.duration", "s", "Group commits of archived publications to the database.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _engineDuration = _meter.CreateHistogram<double>("thywill.engine.duration", "s", "Calls to a shared engine (Redis) by operation, with their outcome (error.code unavailable when Redis did not answer).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5] });
    }

    /// <summary>The meter, for the node's observable gauges.</summary>
    public Meter Meter => _meter;

    /// <summary>Where Thywill's activities start.</summary>
    public static ActivitySource Activities { get; } = new(ThywillTelemetry.ActivitySourceName);

    /// <summary>
    /// The publish activity running now, for a new publication to carry: only Thywill's own
    /// <c>thywill.publish</c> when it is recorded, never whatever request or circuit activity is
    /// ambient (and nothing at all when tracing is off, so no bytes go to Redis for it).
    /// </summary>
    public static ActivityContext PublishOrigin() =>
        Activity.Current is { Recorded: true, OperationName: PublishActivity } current && current.Source == Activities ? current.Context : default;

    /// <summary>The name of a publication's activity.</summary>
    internal const string PublishActivity = "thywill.publish";

    /// <summary>Links kept on one delivery's activity: a batch may carry a thousand publications.</summary>
    internal const int MaxDeliveryLinks = 32;

    /// <summary>
    /// Starts the activity of one delivery to one browser, linked to the publishes of the
    /// publications it carries (the first <see cref="MaxDeliveryLinks"/>, each once); nothing
    /// is looked at when nobody listens.
    /// </summary>
    /// <param name="batch">The delivery's events.</param>
    public static Activity? StartDelivery(IReadOnlyList<Engine.IClientEvent> batch)
    {
        if (!Activities.HasListeners())
        {
            return null;
        }

        List<ActivityLink>? links = null;
        foreach (var item in batch)
        {
            if (item is Engine.Publication { Origin: var origin } && origin != default
                && (links is null || !links.Exists(l => l.Context == origin)))
            {
                (links ??= []).Add(new ActivityLink(origin));
                if (links.Count == MaxDeliveryLinks)
                {
                    break;
                }
            }
        }

        return Activities.StartActivity("thywill.deliver", ActivityKind.Internal, parentContext: default, links: links);
    }

    /// <summary>"razor" for an application with a component, "js" for one with a script.</summary>
    public static string FrontEndOf(IThywillApplication application) => application.Descriptor.Component is null ? "js" : "razor";

    private static TagList ClientTags(IThywillApplication application) =>
        new() { { "thywill.application", application.Descriptor.Id }, { "thywill.front_end", FrontEndOf(application) } };

    public void Connected(IThywillApplication application, bool resumed)
    {
        var tags = ClientTags(application);
        _connected.Add(1, tags);
        tags.Add("thywill.resumed", resumed);
        _connects.Add(1, tags);
    }

    public void Disconnected(IThywillApplication application)
    {
        var tags = ClientTags(application);
        _connected.Add(-1, tags);
        _disconnects.Add(1, tags);
    }

    /// <summary>A session gave way to its client's newer circuit: no longer connected here, yet not gone.</summary>
    public void Replaced(IThywillApplication application) =>
        _connected.Add(-1, ClientTags(application));

    public void Published(string applicationId) => _publications.Add(1, new KeyValuePair<string, object?>("thywill.application", applicationId));

    public void Delivered(string applicationId, int messages)
    {
        var tag = new KeyValuePair<string, object?>("thywill.application", applicationId);
        _deliveries.Add(messages, tag);
        _batchSize.Record(messages, tag);
    }

    public void Overflowed(OutboxFullPolicy policy) => _overflows.Add(1, new KeyValuePair<string, object?>("thywill.policy", policy == OutboxFullPolicy.Drop ? "drop" : "disconnect"));

    public void Recovered(string applicationId, bool recovered) =>
        _recoveries.Add(1, new KeyValuePair<string, object?>("thywill.application", applicationId), new KeyValuePair<string, object?>("thywill.recovered", recovered));

    public void Called(string applicationId, string function, string? errorCode, TimeSpan duration) =>
        _rpcDuration.Record(duration.TotalSeconds, new TagList
        {
            { "thywill.application", applicationId },
            { "thywill.function", function },
            { "error.code", errorCode ?? "" },
        });

    public void Refused(string applicationId, string operation, string? code) =>
        _refusals.Add(1, new TagList { { "thywill.application", applicationId }, { "thywill.operation", operation }, { "error.code", code ?? "" } });

    public void ArchiveWritten(TimeSpan duration) => _archiveWrite.Record(duration.TotalSeconds);

    public void EngineCalled(string operation, bool failed, TimeSpan duration) =>
        _engineDuration.Record(duration.TotalSeconds, new TagList { { "thywill.operation", operation }, { "error.code", failed ? Clients.ErrorCodes.Unavailable : "" } });
}
