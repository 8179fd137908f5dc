using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Host.Dashboard;

namespace Thywill.Blazor.Host.Components.Operator;

/// <summary>
/// A dashboard page: whatever it listens to asks for a render through <see cref="RequestRender"/>,
/// and a <see cref="RenderThrottle"/> turns any number of requests into at most one render per
/// interval, refreshing the page's data just before (<see cref="Refresh"/>).
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    private RenderThrottle? _throttle;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Refresh();
        _throttle = new RenderThrottle(() => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }), Time);
    }

    /// <summary>Reads what the page shows (on the page's dispatcher).</summary>
    protected abstract void Refresh();

    /// <summary>Asks for a render; many requests within an interval make one.</summary>
    protected void RequestRender() => _throttle?.Request();

    /// <summary>Stops listening: the page's subscriptions end here.</summary>
    protected virtual void OnDisposing()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        OnDisposing();
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}
