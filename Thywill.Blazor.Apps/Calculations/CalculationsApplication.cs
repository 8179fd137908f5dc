using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Apps.Calculations;

/// <summary>
/// Calculations: the browser calls server functions (<c>thywill.call</c>) — quick ones, a slow one
/// that can time out or be abandoned, one that fails on the server, and one the caller may not use.
/// </summary>
public sealed class CalculationsApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "calculations";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Calculations")
    {
        Description = "Remote procedure calls from JavaScript: quick, slow, failing and forbidden.",
        Resources =
        [
            BootstrapResource.Style("_content/Thywill.Blazor.Apps/calculations/calculations.css"),
            BootstrapResource.Script("_content/Thywill.Blazor.Apps/calculations/calculations.js"),
        ],
    };

    /// <summary>Adds two numbers.</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    [RpcMethod]
    public static double Add(double a, double b) => a + b;

    /// <summary>The prime factors of a whole number.</summary>
    /// <param name="n">A number from 2 to 10^12.</param>
    [RpcMethod]
    public static IReadOnlyList<long> Factorize(long n)
    {
        if (n is < 2 or > 1_000_000_000_000)
        {
            throw new RpcException(ErrorCodes.InvalidArgument, "n must be between 2 and 10^12.");
        }

        var factors = new List<long>();
        for (long p = 2; p * p <= n; p++)
        {
            while (n % p == 0)
            {
                factors.Add(p);
                n /= p;
            }
        }

        if (n > 1)
        {
            factors.Add(n);
        }

        return factors;
    }

    /// <summary>Squares a number after a delay: abandoned with the client, cut off after 2 s.</summary>
    /// <param name="x">The number.</param>
    /// <param name="delayMs">How long to think first.</param>
    /// <param name="cancellationToken">Cancelled on timeout or when the client goes away.</param>
    [RpcMethod(TimeoutSeconds = 2)]
    public static async Task<double> SlowSquareAsync(double x, int delayMs, CancellationToken cancellationToken)
    {
        await Task.Delay(Math.Clamp(delayMs, 0, 60_000), cancellationToken);
        return x * x;
    }

    /// <summary>Divides; dividing by zero fails on the server (the caller sees a safe message).</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    [RpcMethod]
    public static decimal Divide(decimal a, decimal b) => a / b;

    /// <summary>Refuses every caller: what a permission check looks like.</summary>
    /// <param name="caller">The caller, stamped by the server.</param>
    [RpcMethod]
    public static string Secret(ClientInfo caller) =>
        caller.UserId == "operator" ? "42" : throw new RpcException(ErrorCodes.NoPermission, "Only the operator may read the secret.");
}
