using System.Globalization;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// A tab of the <c>calculations</c> application: it calls <c>add</c> and <c>factorize</c> with random
/// arguments and checks every answer (a sum; prime factors whose product is the number).
/// </summary>
internal sealed class SoakRpcTab(int id, ConnectionSettings settings, SoakTracker tracker, SoakOptions options, int seed)
    : SoakTab(id, "calculations", settings, tracker, options, seed)
{
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

    /// <inheritdoc />
    protected override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task ActAsync(CancellationToken cancellationToken)
    {
        if (Random.NextDouble() < 0.8)
        {
            // Whole numbers: their sum is exact in a double, so the answer can be compared exactly.
            var (a, b) = (Random.Next(-1_000_000, 1_000_000), Random.Next(-1_000_000, 1_000_000));
            var args = $"[{a.ToString(CultureInfo.InvariantCulture)},{b.ToString(CultureInfo.InvariantCulture)}]";
            var outcome = await WithTimeoutAsync(token => Page.CallAsync("add", args, token), cancellationToken).ConfigureAwait(false);
            Tracker.Called(outcome, result => result is not null && JsonSerializer.Deserialize<double>(result) == (double)a + b, "add" + args);
        }
        else
        {
            long n = 1;
            for (var i = Random.Next(1, 6); i > 0; i--)
            {
                n *= Primes[Random.Next(Primes.Length)];
            }

            var args = "[" + n.ToString(CultureInfo.InvariantCulture) + "]";
            var outcome = await WithTimeoutAsync(token => Page.CallAsync("factorize", args, token), cancellationToken).ConfigureAwait(false);
            Tracker.Called(outcome, result => IsFactorization(result, n), "factorize" + args);
        }
    }

    /// <inheritdoc />
    protected override Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsFactorization(string? json, long n)
    {
        if (json is null || JsonSerializer.Deserialize<long[]>(json) is not { Length: > 0 } factors)
        {
            return false;
        }

        return factors.Aggregate(1L, (product, f) => product * f) == n
            && factors.Zip(factors.Skip(1)).All(pair => pair.First <= pair.Second)
            && factors.All(f => Primes.Contains((int)f));
    }
}
