using System.Diagnostics.Metrics;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;

namespace Thywill.Blazor.Host.Dashboard;

/// <summary>
/// Samples the node once a second for the dashboard: the rates of Thywill's own counters (read from
/// its meter with a <see cref="MeterListener"/>, so the dashboard and Prometheus see the same
/// numbers), the clients and channels, and the process's CPU, memory and collections. Keeps the last
/// <see cref="Capacity"/> samples; open dashboards share them, so their number costs nothing here.
/// </summary>
internal sealed partial class NodeSampler : BackgroundService
{
    /// <summary>How many samples are kept: five minutes.</summary>
    public const int Capacity = 300;

    /// <summary>How often the node is sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly MeterListener _listener = new();
    private readonly IClientDirectory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeSampler> _logger;
    private readonly Lock _gate = new();
    private readonly Queue<NodeSample> _samples = new(Capacity);
    private long _publications;
    private long _deliveries;
    private long _refusals;
    private long _recoveries;
    private long _unrecovered;
    private long _channels;
    private long _lastTimestamp;
    private TimeSpan _lastCpu;
    private NodeTotals _lastTotals = new(0, 0, 0, 0, 0);

    public NodeSampler(IMeterFactory meters, IClientDirectory clients, TimeProvider time, ILogger<NodeSampler> logger)
    {
        _clients = clients;
        _time = time;
        _logger = logger;
        StartedAt = time.GetUtcNow();
        _lastTimestamp = time.GetTimestamp();
        _lastCpu = Environment.CpuUsage.TotalTime;

        // Only this host's meter (several hosts can share a process), and only what is shown: the
        // observable outbox gauge walks every client, so it is left to the exporters.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == ThywillTelemetry.MeterName && Watched.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    private static readonly HashSet<string> Watched = ["thywill.publications", "thywill.deliveries", "thywill.refusals", "thywill.recoveries", "thywill.channels"];

    /// <summary>When this node started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long this node has run.</summary>
    public TimeSpan Uptime => _time.GetUtcNow() - StartedAt;

    /// <summary>Raised after each sample, on the sampling thread.</summary>
    public event Action? Sampled;

    /// <summary>The newest sample, or <see langword="null"/> before the first.</summary>
    public NodeSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count > 0 ? _samples.Last() : null;
            }
        }
    }

    /// <summary>The kept samples, oldest first.</summary>
    public IReadOnlyList<NodeSample> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Takes a sample now (the loop calls it every <see cref="Interval"/>).</summary>
    public NodeSample Sample()
    {
        Interlocked.Exchange(ref _channels, 0);
        _listener.RecordObservableInstruments();

        var now = _time.GetTimestamp();
        var seconds = Math.Max(_time.GetElapsedTime(_lastTimestamp, now).TotalSeconds, 1e-3);
        _lastTimestamp = now;
        var cpu = Environment.CpuUsage.TotalTime;
        var cpuPercent = (cpu - _lastCpu).TotalSeconds / seconds / Environment.ProcessorCount * 100;
        _lastCpu = cpu;

        var totals = new NodeTotals(Interlocked.Read(ref _publications), Interlocked.Read(ref _deliveries), Interlocked.Read(ref _refusals), Interlocked.Read(ref _recoveries), Interlocked.Read(ref _unrecovered));
        var previous = _lastTotals;
        _lastTotals = totals;
        var sample = new NodeSample(
            _time.GetUtcNow(),
            (totals.Publications - previous.Publications) / seconds,
            (totals.Deliveries - previous.Deliveries) / seconds,
            (totals.Refusals - previous.Refusals) / seconds,
            (totals.Recoveries - previous.Recoveries) / seconds,
            totals,
            _clients.Count,
            Interlocked.Read(ref _channels),
            Math.Clamp(cpuPercent, 0, 100),
            Environment.WorkingSet,
            GC.GetTotalMemory(forceFullCollection: false),
            (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));

        lock (_gate)
        {
            if (_samples.Count == Capacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(sample);
        }

        Sampled?.Invoke();
        return sample;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Sample();
                }
                catch (Exception ex)
                {
                    // A dashboard's handler that throws must not stop the sampling.
                    Log.SampleFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The node is stopping.
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "thywill.publications":
                Interlocked.Add(ref _publications, value);
                break;
            case "thywill.deliveries":
                Interlocked.Add(ref _deliveries, value);
                break;
            case "thywill.refusals":
                Interlocked.Add(ref _refusals, value);
                break;
            case "thywill.channels":
                Interlocked.Add(ref _channels, value);
                break;
            case "thywill.recoveries":
                Interlocked.Add(ref _recoveries, value);
                foreach (var tag in tags)
                {
                    if (tag is { Key: "thywill.recovered", Value: false })
                    {
                        Interlocked.Add(ref _unrecovered, value);
                    }
                }

                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Sampling the node for the dashboard failed")]
        public static partial void SampleFailed(ILogger logger, Exception exception);
    }
}
