using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Rpc;

/// <summary>Typed calls from C# to an application's RPC functions.</summary>
public static class ThywillClientRpcExtensions
{
    /// <summary>
    /// A typed client for the functions an interface declares: each call goes through
    /// <see cref="IThywillClient.CallAsync{T}"/> (the same budgets, checks and errors as
    /// <c>thywill.call</c>) under the name the server gives the method. Mark the interface's methods
    /// <see cref="RpcMethodAttribute"/> and let the application implement it; the server then exposes
    /// them under the same names, so no name is written twice.
    /// </summary>
    /// <typeparam name="TFunctions">
    /// An interface whose methods return <see cref="Task"/>, <see cref="Task{TResult}"/>,
    /// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>. A
    /// <see cref="Applications.ClientInfo"/> parameter is left out of the call (the server stamps the
    /// real caller); a <see cref="CancellationToken"/> abandons the wait.
    /// </typeparam>
    /// <param name="client">The component's client.</param>
    /// <returns>The typed client; cheap, make one per component.</returns>
    /// <exception cref="InvalidOperationException">The interface has a member that cannot be called remotely; the message names it.</exception>
    /// <example><code>
    /// var total = await Thywill.Rpc&lt;ICounterFunctions&gt;().IncrementAsync(1);
    /// </code></example>
    public static TFunctions Rpc<TFunctions>(this IThywillClient client)
        where TFunctions : class
    {
        ArgumentNullException.ThrowIfNull(client);
        return RpcProxy.Create<TFunctions>(client, RpcContract.For(typeof(TFunctions)));
    }
}
