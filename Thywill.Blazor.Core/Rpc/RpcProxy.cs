using System.Reflection;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Rpc;

/// <summary>The object behind a typed RPC client: every method call becomes a call of the client's.</summary>
/// <remarks>Not sealed, with a public constructor: <see cref="DispatchProxy"/> derives from it at run time.</remarks>
internal class RpcProxy : DispatchProxy
{
    private IThywillClient? _client;
    private RpcContract? _contract;

    internal static TFunctions Create<TFunctions>(IThywillClient client, RpcContract contract)
        where TFunctions : class
    {
        var proxy = DispatchProxy.Create<TFunctions, RpcProxy>();
        var self = (RpcProxy)(object)proxy;
        self._client = client;
        self._contract = contract;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _contract!.Invoke(_client!, targetMethod, args ?? []);
    }
}
