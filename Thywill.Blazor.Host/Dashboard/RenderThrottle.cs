namespace Thywill.Blazor.Host.Dashboard;

/// <summary>
/// Coalesces a page's reasons to render — client churn, samples, log lines — into at most one render
/// per interval, however many arrive: an open dashboard costs the same with 10 or 10,000 clients
/// coming and going.
/// </summary>
internal sealed class RenderThrottle : IDisposable
{
    /// <summary>The dashboard's pace: at most two renders a second per page.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    private readonly Func<Task> _render;
    private readonly ITimer _timer;
    private int _requested;
    private int _rendering;

    /// <param name="render">Renders the page (on its dispatcher: <c>InvokeAsync(StateHasChanged)</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="interval">The shortest time between two renders.</param>
    public RenderThrottle(Func<Task> render, TimeProvider time, TimeSpan? interval = null)
    {
        _render = render;
        var period = interval ?? DefaultInterval;
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    /// <summary>How many renders this throttle has started.</summary>
    public long Renders { get; private set; }

    /// <summary>Asks for a render at the next tick; any number of requests before it make one.</summary>
    public void Request() => Volatile.Write(ref _requested, 1);

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        // A render still running when the next tick comes keeps the request for the tick after.
        if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _rendering, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _requested, 0);
        Renders++;
        _ = RenderAsync();
    }

    private async Task RenderAsync()
    {
        try
        {
            await _render();
        }
        catch (ObjectDisposedException)
        {
            // The page went away between the request and the render.
        }
        finally
        {
            Volatile.Write(ref _rendering, 0);
        }
    }
}
