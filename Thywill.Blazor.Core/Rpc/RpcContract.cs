using System.Collections.Concurrent;
using System.Reflection;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Rpc;

/// <summary>
/// What a typed client does for each method of an RPC interface: the function name, which arguments
/// travel, and how to await and return the result. Read once per interface, checked whole, so a
/// member that cannot work fails when the client is made, not on its first call.
/// </summary>
internal sealed class RpcContract
{
    private static readonly ConcurrentDictionary<Type, RpcContract> Contracts = new();
    private static readonly MethodInfo CallTyped = typeof(RpcContract).GetMethod(nameof(CallAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CallTypedValue = typeof(RpcContract).GetMethod(nameof(CallValueAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<MethodInfo, Call> _calls;

    private RpcContract(Dictionary<MethodInfo, Call> calls) => _calls = calls;

    /// <summary>The contract of an interface, read and checked on first use.</summary>
    /// <exception cref="InvalidOperationException">A member cannot be called remotely.</exception>
    public static RpcContract For(Type type) => Contracts.GetOrAdd(type, Read);

    /// <summary>Runs one method's call: the task (or value task) the method returns.</summary>
    public object Invoke(IThywillClient client, MethodInfo method, object?[] args)
    {
        var call = _calls[method];
        var values = new object?[call.Arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[call.Arguments[i]];
        }

        var cancellationToken = call.CancellationToken >= 0 ? (CancellationToken)args[call.CancellationToken]! : default;
        return call.Run(client, call.Name, values, cancellationToken);
    }

    private static RpcContract Read(Type type)
    {
        if (!type.IsInterface)
        {
            throw new InvalidOperationException($"{type.Name} is not an interface: a typed RPC client is made from an interface the application implements.");
        }

        var calls = new Dictionary<MethodInfo, Call>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contract in type.GetInterfaces().Prepend(type))
        {
            if (contract.GetProperties().FirstOrDefault() is { } property)
            {
                throw new InvalidOperationException($"{contract.Name}.{property.Name} is a property; an RPC interface has only methods.");
            }

            if (contract.GetEvents().FirstOrDefault() is { } evt)
            {
                throw new InvalidOperationException($"{contract.Name}.{evt.Name} is an event; an RPC interface has only methods.");
            }

            foreach (var method in contract.GetMethods())
            {
                var call = Describe(contract, method);
                if (names.TryGetValue(call.Name, out var other))
                {
                    throw new InvalidOperationException($"{contract.Name}.{method.Name} and {other} are both the RPC function '{call.Name}'.");
                }

                names.Add(call.Name, $"{contract.Name}.{method.Name}");
                calls.Add(method, call);
            }
        }

        return new RpcContract(calls);
    }

    private static Call Describe(Type contract, MethodInfo method)
    {
        var where = $"{contract.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"{where} is generic; an RPC function's types are fixed.");
        }

        var arguments = new List<int>();
        var cancellationToken = -1;
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.ParameterType.IsByRef)
            {
                throw new InvalidOperationException($"{where}: parameter {parameter.Name} is passed by reference; RPC arguments travel by value.");
            }

            if (parameter.ParameterType == typeof(CancellationToken))
            {
                cancellationToken = i;
            }
            else if (!RpcMethod.IsSupplied(parameter.ParameterType))
            {
                // A ClientInfo stays behind: the server supplies the real caller, whatever is passed.
                arguments.Add(i);
            }
        }

        var returns = method.ReturnType;
        Func<IThywillClient, string, object?[], CancellationToken, object> run;
        if (returns == typeof(Task))
        {
            run = static (client, name, args, ct) => CallAsync<object>(client, name, args, ct);
        }
        else if (returns == typeof(ValueTask))
        {
            run = static (client, name, args, ct) => new ValueTask(CallAsync<object>(client, name, args, ct));
        }
        else if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            run = CallTyped.MakeGenericMethod(returns.GenericTypeArguments[0]).CreateDelegate<Func<IThywillClient, string, object?[], CancellationToken, object>>();
        }
        else if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            run = CallTypedValue.MakeGenericMethod(returns.GenericTypeArguments[0]).CreateDelegate<Func<IThywillClient, string, object?[], CancellationToken, object>>();
        }
        else
        {
            throw new InvalidOperationException($"{where} returns {returns.Name}; an RPC function returns Task, Task<T>, ValueTask or ValueTask<T> (the call crosses the network).");
        }

        var attribute = method.GetCustomAttribute<RpcMethodAttribute>();
        var name = attribute is null ? RpcNames.Default(method.Name) : RpcNames.Of(method, attribute);
        return new Call(name, [.. arguments], cancellationToken, run);
    }

    private static async Task<T> CallAsync<T>(IThywillClient client, string name, object?[] args, CancellationToken cancellationToken) =>
        (await client.CallAsync<T>(name, args).WaitAsync(cancellationToken).ConfigureAwait(false))!;

    private static object CallValueAsync<T>(IThywillClient client, string name, object?[] args, CancellationToken cancellationToken) =>
        new ValueTask<T>(CallAsync<T>(client, name, args, cancellationToken));

    private sealed record Call(string Name, int[] Arguments, int CancellationToken, Func<IThywillClient, string, object?[], CancellationToken, object> Run);
}
