using System.Collections.Concurrent;
using System.Diagnostics;
using Thywill.Blazor.LoadClient.Reporting;

namespace Thywill.Blazor.LoadClient.Running;

/// <summary>Opens many clients at a bounded concurrency and closes them again.</summary>
public sealed class ClientPool(Func<int, ILoadClient> create) : IAsyncDisposable
{
    private readonly List<ILoadClient> _clients = [];
    private readonly ConcurrentQueue<string> _failures = new();

    /// <summary>The clients that connected.</summary>
    public IReadOnlyList<ILoadClient> Clients => _clients;

    /// <summary>Clients still connected now.</summary>
    public int Connected => _clients.Count(c => c.IsConnected);

    /// <summary>Connects clients until <paramref name="target"/> are connected or attempted.</summary>
    /// <param name="target">The number of clients wanted.</param>
    /// <param name="concurrency">Connections opened at once.</param>
    /// <param name="cancellationToken">Stops the ramp.</param>
    public async Task<RampResult> RampAsync(int target, int concurrency, CancellationToken cancellationToken)
    {
        var start = _clients.Count;
        var latencies = new ConcurrentBag<double>();
        var connected = new ConcurrentBag<ILoadClient>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(start, target, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var client = create(index);
            var began = Stopwatch.GetTimestamp();
            try
            {
                await client.ConnectAsync(token).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                connected.Add(client);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                if (_failures.Count < 20)
                {
                    _failures.Enqueue(ex.GetType().Name + ": " + ex.Message);
                }

                await client.DisposeAsync().ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var elapsed = clock.Elapsed.TotalSeconds;
        _clients.AddRange(connected.OrderBy(c => c.Index));
        var sorted = latencies.Order().ToArray();
        return new RampResult(
            target - start,
            sorted.Length,
            failed,
            Math.Round(elapsed, 2),
            Math.Round(sorted.Length / Math.Max(elapsed, 0.001), 1),
            Stats.Percentile(sorted, 50),
            Stats.Percentile(sorted, 99),
            [.. _failures.Take(5)]);
    }

    /// <summary>Closes every client (circuits are disposed on the server too).</summary>
    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, _) =>
        {
            try
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or HttpRequestException)
            {
                // Already gone.
            }
        }).ConfigureAwait(false);
        _clients.Clear();
    }
}

/// <summary>The outcome of ramping clients up.</summary>
/// <param name="Attempted">Clients started.</param>
/// <param name="Connected">Clients that finished their bootstrap.</param>
/// <param name="Failed">Clients that did not.</param>
/// <param name="Seconds">How long the ramp took.</param>
/// <param name="ConnectsPerSecond">Completed connects per second.</param>
/// <param name="ConnectP50Ms">Median time from page request to ready.</param>
/// <param name="ConnectP99Ms">99th percentile of the same.</param>
/// <param name="FirstFailures">The first few failure reasons.</param>
public sealed record RampResult(int Attempted, int Connected, int Failed, double Seconds, double ConnectsPerSecond, double ConnectP50Ms, double ConnectP99Ms, IReadOnlyList<string> FirstFailures);
