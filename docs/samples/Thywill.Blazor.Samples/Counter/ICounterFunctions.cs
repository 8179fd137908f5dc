using Thywill.Blazor.Applications;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Samples.Counter;

/// <summary>
/// What the counter's page calls on the server. <see cref="CounterApplication"/> implements it; the
/// page calls it through <c>Thywill.Rpc&lt;ICounterFunctions&gt;()</c>, and a script could as
/// <c>thywill.call('increment', 1)</c>.
/// </summary>
public interface ICounterFunctions
{
    /// <summary>Adds <paramref name="by"/> (1 to 100) to the shared count.</summary>
    /// <param name="by">How much.</param>
    /// <param name="caller">Who calls, stamped by the server.</param>
    /// <param name="cancellationToken">Cancelled on timeout or when the client goes away.</param>
    /// <returns>The new count.</returns>
    [RpcMethod]
    Task<long> IncrementAsync(int by, ClientInfo? caller = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the shared count back to zero.</summary>
    /// <param name="cancellationToken">Cancelled on timeout or when the client goes away.</param>
    /// <returns>The new count, 0.</returns>
    [RpcMethod]
    Task<long> ResetAsync(CancellationToken cancellationToken = default);
}
