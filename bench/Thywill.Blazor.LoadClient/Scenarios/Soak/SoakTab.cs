using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// One browser tab of the soak, from its first page to its leaving: it connects, acts every so often
/// (what it does is the subclass's), sometimes reloads (the next page resumes the same client from
/// the tab's resume token and positions), and at the end of its life goes away. Its actions are
/// sequential, as a person's are, and well inside the per-client rate budgets.
/// </summary>
internal abstract class SoakTab
{
    private readonly ConnectionSettings _settings;
    private readonly string _applicationId;

    /// <summary>Creates a tab; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="id">The tab's id (its pages' client index for the tracker), unique in the run.</param>
    /// <param name="applicationId">The application the tab's pages load.</param>
    /// <param name="settings">The run's connection settings.</param>
    /// <param name="tracker">Where the tab's outcomes are counted and its deliveries checked.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="seed">The tab's random seed.</param>
    protected SoakTab(int id, string applicationId, ConnectionSettings settings, SoakTracker tracker, SoakOptions options, int seed)
    {
        Id = id;
        _applicationId = applicationId;
        _settings = settings;
        Tracker = tracker;
        Options = options;
        Random = new Random(seed);
    }

    /// <summary>The tab's id.</summary>
    public int Id { get; }

    /// <summary>The tab's current page.</summary>
    protected ThywillLoadClient Page { get; private set; } = default!;

    /// <summary>The tracker.</summary>
    protected SoakTracker Tracker { get; }

    /// <summary>The run's options.</summary>
    protected SoakOptions Options { get; }

    /// <summary>The tab's own random source (tabs run concurrently).</summary>
    protected Random Random { get; }

    /// <summary>Lives for about <paramref name="lifetime"/>, or until <paramref name="stop"/>, then goes away.</summary>
    /// <param name="lifetime">How long the tab stays.</param>
    /// <param name="stop">The churn is over: finish the current action and go.</param>
    /// <param name="deadline">The run's hard deadline.</param>
    public async Task RunAsync(TimeSpan lifetime, CancellationToken stop, CancellationToken deadline)
    {
        Tracker.TabStarted();
        Page = new ThywillLoadClient(_settings, _applicationId, Id, Tracker);
        try
        {
            if (!await ConnectAsync(Page, deadline).ConfigureAwait(false))
            {
                return;
            }

            await StartAsync(deadline).ConfigureAwait(false);
            var until = DateTime.UtcNow + lifetime;
            while (!stop.IsCancellationRequested && DateTime.UtcNow < until)
            {
                try
                {
                    await Task.Delay(NextInterval(), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !deadline.IsCancellationRequested)
                {
                    break;
                }

                if (!Page.IsConnected)
                {
                    Tracker.CircuitLost(Id, Page.Ended.IsCompleted ? Page.Ended.Result : "the connection closed");
                    return;
                }

                if (Random.NextDouble() < Options.ReloadShare)
                {
                    if (!await ReloadAsync(deadline).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                else
                {
                    await ActAsync(deadline).ConfigureAwait(false);
                }
            }

            await EndAsync(deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (!deadline.IsCancellationRequested)
        {
            Tracker.TabFailed(Id, ex);
        }
        finally
        {
            await CloseAsync(Page).ConfigureAwait(false);
            Tracker.Forget(Id);
        }
    }

    /// <summary>What the tab does once its first page is ready.</summary>
    protected abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>One action (a publish, a change of rooms, a call…).</summary>
    protected abstract Task ActAsync(CancellationToken cancellationToken);

    /// <summary>What the tab does before its last page goes.</summary>
    protected abstract Task EndAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one request to the server with the run's answer timeout; <see langword="null"/> when no
    /// answer came in time (the deadline still ends the run).
    /// </summary>
    protected async Task<T?> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken deadline)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        timeout.CancelAfter(Options.AnswerTimeout);
        try
        {
            return await request(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            return null;
        }
    }

    // The browser unloads the page (sessionStorage keeps the token and the positions it reached),
    // then the next page of the tab loads after a moment, missing what was published meanwhile.
    private async Task<bool> ReloadAsync(CancellationToken deadline)
    {
        await CloseAsync(Page).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Next(0, (int)Options.ReloadPause.TotalMilliseconds + 1)), deadline).ConfigureAwait(false);
        Page = Page.NextPage(Tracker);
        if (!await ConnectAsync(Page, deadline).ConfigureAwait(false))
        {
            return false;
        }

        Tracker.Reloaded(Id, Page.Protocol.Resumed);
        return true;
    }

    private async Task<bool> ConnectAsync(ThywillLoadClient page, CancellationToken deadline)
    {
        try
        {
            await page.ConnectAsync(deadline).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (!deadline.IsCancellationRequested)
        {
            Tracker.ConnectFailed(Id, ex);
            return false;
        }
    }

    private async Task CloseAsync(ThywillLoadClient page)
    {
        Tracker.PageClosed(Id, page);
        try
        {
            await page.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            // Already gone; the server disposes the circuit when its connection drops.
        }
    }

    // Exponential (a Poisson process per tab), but never a burst of back-to-back requests.
    private TimeSpan NextInterval()
    {
        var mean = Options.ActionInterval.TotalMilliseconds;
        var wait = -Math.Log(1 - Random.NextDouble()) * mean;
        return TimeSpan.FromMilliseconds(Math.Clamp(wait, Math.Min(50, mean), 5 * mean));
    }
}
