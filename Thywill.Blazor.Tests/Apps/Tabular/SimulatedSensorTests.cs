using Thywill.Blazor.Apps.Tabular;

namespace Thywill.Blazor.Tests.Apps.Tabular;

public sealed class SimulatedSensorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_Repeatedly_NumbersReadingsFromOneAndStampsTheGivenTime()
    {
        var sensor = new SimulatedSensor(seed: 1);

        var rows = Enumerable.Range(0, 3).Select(i => sensor.Next(Now.AddSeconds(i))).ToArray();

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Seq));
        Assert.Equal(Now.AddSeconds(2), rows[2].Time);
    }

    [Fact]
    public void Next_PastTheWindow_AverageIsTheMeanOfTheLastTenValues()
    {
        var sensor = new SimulatedSensor(seed: 2);

        var rows = Enumerable.Range(0, 25).Select(_ => sensor.Next(Now)).ToArray();

        Assert.Equal(rows[0].Value, rows[0].Average);
        Assert.Equal(Math.Round(rows[..5].Average(r => r.Value), 2), rows[4].Average, precision: 2);
        Assert.Equal(Math.Round(rows[^SimulatedSensor.Window..].Average(r => r.Value), 2), rows[^1].Average, precision: 2);
    }

    [Fact]
    public void Next_SameSeed_SameReadings()
    {
        var first = new SimulatedSensor(seed: 3);
        var second = new SimulatedSensor(seed: 3);

        Assert.Equal(
            Enumerable.Range(0, 10).Select(_ => first.Next(Now)),
            Enumerable.Range(0, 10).Select(_ => second.Next(Now)));
    }
}
