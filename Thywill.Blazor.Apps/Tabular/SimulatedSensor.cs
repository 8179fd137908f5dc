namespace Thywill.Blazor.Apps.Tabular;

/// <summary>
/// A temperature-like signal: a slow sine wave with noise, and its moving average. Not thread-safe:
/// each stream owns one.
/// </summary>
/// <param name="seed">Seeds the noise, so a test can repeat a stream.</param>
internal sealed class SimulatedSensor(int seed)
{
    /// <summary>How many readings the moving average covers.</summary>
    public const int Window = 10;

    private readonly Random _noise = new(seed);
    private readonly Queue<double> _recent = new(Window + 1);
    private double _sum;
    private long _seq;

    /// <summary>Takes the next reading.</summary>
    /// <param name="time">The time to stamp it with.</param>
    public SensorRow Next(DateTimeOffset time)
    {
        var seq = ++_seq;
        var value = Math.Round(20 + (5 * Math.Sin(seq / 15.0)) + ((_noise.NextDouble() - 0.5) * 3), 2);
        _recent.Enqueue(value);
        _sum += value;
        if (_recent.Count > Window)
        {
            _sum -= _recent.Dequeue();
        }

        return new SensorRow(seq, time, value, Math.Round(_sum / _recent.Count, 2));
    }
}
