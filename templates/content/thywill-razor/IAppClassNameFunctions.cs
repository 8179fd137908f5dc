using Thywill.Blazor.Applications;
using Thywill.Blazor.Rpc;

namespace ThywillApp1;

/// <summary>
/// The functions the page calls on the server. The application implements this interface and the
/// page calls it through <c>Thywill.Rpc&lt;IAppClassNameFunctions&gt;()</c>: one contract, no names
/// written as strings (a browser script reaches the same function as <c>thywill.call('hello')</c>).
/// </summary>
public interface IAppClassNameFunctions
{
    /// <summary>Greets the caller.</summary>
    /// <param name="caller">Who calls: stamped by the server, whatever the page passes.</param>
    /// <returns>The greeting.</returns>
    [RpcMethod]
    Task<string> HelloAsync(ClientInfo? caller = null);
}
