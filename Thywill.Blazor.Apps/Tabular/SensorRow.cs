namespace Thywill.Blazor.Apps.Tabular;

/// <summary>One reading of the simulated sensor, as pushed to the browser.</summary>
/// <param name="Seq">The reading's number within its stream, from 1.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Value">The reading.</param>
/// <param name="Average">The moving average of the last <see cref="SimulatedSensor.Window"/> readings.</param>
public sealed record SensorRow(long Seq, DateTimeOffset Time, double Value, double Average);
