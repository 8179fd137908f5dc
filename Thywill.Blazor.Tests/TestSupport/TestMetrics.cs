using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Diagnostics;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// Records what one <see cref="ThywillMetrics"/> measures: each instance has a meter factory of its
/// own, so tests running side by side do not see each other's measurements.
/// </summary>
internal sealed class TestMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public TestMetrics(ThywillMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
        _listener.Start();
    }

    /// <summary>Instruments on a meter factory of their own.</summary>
    public static ThywillMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        Of(instrument, tags).Sum(m => m.Value);

    /// <summary>How many measurements an instrument took with those tags (a histogram's count).</summary>
    public int Count(string instrument, params (string Key, object Value)[] tags) => Of(instrument, tags).Count();

    /// <summary>The newest measurement of an instrument with those tags (a gauge's value when last observed).</summary>
    public double Last(string instrument, params (string Key, object Value)[] tags) => Of(instrument, tags).Last().Value;

    /// <summary>Reads the observable instruments now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Of(string instrument, (string Key, object Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument
            && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))));
}
