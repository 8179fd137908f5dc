using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Host.Dashboard;

namespace Thywill.Blazor.Tests.Dashboard;

public sealed class RenderThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ManyRequestsWithinAnInterval_MakeOneRender()
    {
        var renders = 0;
        using var throttle = new RenderThrottle(() => { renders++; return Task.CompletedTask; }, _time);

        for (var i = 0; i < 10_000; i++)
        {
            throttle.Request();
        }

        _time.Advance(RenderThrottle.DefaultInterval);
        Assert.Equal(1, renders);

        // Nothing asked since: no render.
        _time.Advance(RenderThrottle.DefaultInterval * 4);
        Assert.Equal(1, renders);
        Assert.Equal(1, throttle.Renders);
    }

    [Fact]
    public void ARequestDuringARender_IsRenderedAtTheNextFreeTick()
    {
        var renders = 0;
        var running = new TaskCompletionSource();
        using var throttle = new RenderThrottle(() => { renders++; return running.Task; }, _time);

        throttle.Request();
        _time.Advance(RenderThrottle.DefaultInterval);
        throttle.Request();
        _time.Advance(RenderThrottle.DefaultInterval);
        Assert.Equal(1, renders);

        running.SetResult();
        _time.Advance(RenderThrottle.DefaultInterval);
        Assert.Equal(2, renders);
    }

    [Fact]
    public void ARenderOfAPageThatWentAway_EndsQuietly_AndTheNextStillRuns()
    {
        var renders = 0;
        using var throttle = new RenderThrottle(() => { renders++; throw new ObjectDisposedException("renderer"); }, _time);

        throttle.Request();
        _time.Advance(RenderThrottle.DefaultInterval);
        throttle.Request();
        _time.Advance(RenderThrottle.DefaultInterval);

        Assert.Equal(2, renders);
    }

    [Fact]
    public void Disposed_RendersNoMore()
    {
        var renders = 0;
        var throttle = new RenderThrottle(() => { renders++; return Task.CompletedTask; }, _time);

        throttle.Request();
        throttle.Dispose();
        _time.Advance(RenderThrottle.DefaultInterval * 2);

        Assert.Equal(0, renders);
    }
}
