using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// Keeps the soak's tabs coming and going: a slot per tab kept open, each opening a tab, letting it
/// live its random lifetime and opening the next, so clients connect and leave all the time. Stopping
/// lets every tab finish its action and go.
/// </summary>
internal sealed class SoakChurn(ConnectionSettings settings, SoakTracker tracker, SoakChannelPool rooms, SoakOptions options)
{
    private readonly Random _seeds = new();
    private int _nextTab;
    private int _openTabs;

    /// <summary>Tabs open now.</summary>
    public int OpenTabs => Volatile.Read(ref _openTabs);

    /// <summary>Churns for <paramref name="duration"/>, then waits until every tab has gone.</summary>
    /// <param name="duration">How long new tabs keep coming.</param>
    /// <param name="deadline">The run's hard deadline.</param>
    public async Task RunAsync(TimeSpan duration, CancellationToken deadline)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        stop.CancelAfter(duration);
        var slots = Enumerable.Range(0, options.RelayTabs + options.RpcTabs)
            .Select(slot => SlotAsync(relay: slot < options.RelayTabs, _seeds.Next(), stop.Token, deadline))
            .ToArray();
        await Task.WhenAll(slots).ConfigureAwait(false);
    }

    private async Task SlotAsync(bool relay, int seed, CancellationToken stop, CancellationToken deadline)
    {
        var random = new Random(seed);

        // Staggered, so that lifetimes (and so leavings) are spread from the start.
        var stagger = TimeSpan.FromMilliseconds(random.NextDouble() * Math.Min(10_000, options.TabLifetime.TotalMilliseconds));
        try
        {
            await Task.Delay(stagger, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            var id = Interlocked.Increment(ref _nextTab);
            SoakTab tab = relay
                ? new SoakRelayTab(id, settings, tracker, options, rooms, random.Next())
                : new SoakRpcTab(id, settings, tracker, options, random.Next());
            var lifetime = options.TabLifetime * (0.5 + random.NextDouble());
            Interlocked.Increment(ref _openTabs);
            try
            {
                await tab.RunAsync(lifetime, stop, deadline).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _openTabs);
            }
        }
    }
}
