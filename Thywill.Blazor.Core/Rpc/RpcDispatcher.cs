using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;

namespace Thywill.Blazor.Rpc;

/// <summary>
/// Finds an application's RPC functions (<see cref="RpcMethodAttribute"/>) and runs calls: binds the
/// arguments, applies the timeout and the client's lifetime, and turns every outcome into a named
/// result. Exceptions other than <see cref="RpcException"/> reach the log only.
/// </summary>
internal sealed partial class RpcDispatcher(IOptionsMonitor<RpcOptions> options, ThywillMetrics metrics, ILogger<RpcDispatcher> logger)
{
    private readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, RpcMethod>> _methods = new();

    /// <summary>The functions an application exposes, by name.</summary>
    public IReadOnlyDictionary<string, RpcMethod> MethodsOf(IThywillApplication application) =>
        _methods.GetOrAdd(application.GetType(), Discover);

    /// <summary>Runs a call of the caller's own application.</summary>
    public async Task<RpcResult> CallAsync(IThywillApplication application, ClientInfo caller, string? name, JsonElement args, CancellationToken clientLifetime)
    {
        var known = name is not null && MethodsOf(application).ContainsKey(name);
        using var activity = ThywillMetrics.Activities.StartActivity("thywill.rpc");
        activity?.SetTag("thywill.application", caller.ApplicationId);
        activity?.SetTag("thywill.function", known ? name : ThywillMetrics.UnknownFunction);
        var started = Stopwatch.GetTimestamp();
        var result = await RunAsync(application, caller, name, args, clientLifetime).ConfigureAwait(false);
        metrics.Called(caller.ApplicationId, known ? name! : ThywillMetrics.UnknownFunction, result.Code, Stopwatch.GetElapsedTime(started));
        if (!result.Ok)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Code);
        }

        return result;
    }

    private async Task<RpcResult> RunAsync(IThywillApplication application, ClientInfo caller, string? name, JsonElement args, CancellationToken clientLifetime)
    {
        if (name is null || !MethodsOf(application).TryGetValue(name, out var method))
        {
            Log.NotFound(logger, caller.ApplicationId, caller.ClientId, Shorten(name));
            return RpcResult.Failure(ErrorCodes.NotFound, $"There is no function '{Shorten(name)}'.");
        }

        using var timeout = new CancellationTokenSource(method.Timeout ?? options.CurrentValue.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, clientLifetime);
        var values = method.Bind(args, caller, linked.Token, JsonDefaults.Web, out var bindError);
        if (values is null)
        {
            Log.InvalidArgument(logger, caller.ApplicationId, caller.ClientId, name, bindError!);
            return RpcResult.Failure(ErrorCodes.InvalidArgument, bindError!);
        }

        try
        {
            var result = await method.InvokeAsync(application, values).WaitAsync(linked.Token).ConfigureAwait(false);
            return RpcResult.Success(result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), JsonDefaults.Web));
        }
        catch (RpcException ex)
        {
            Log.Refused(logger, caller.ApplicationId, caller.ClientId, name, ex.Code);
            return RpcResult.Failure(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (clientLifetime.IsCancellationRequested)
        {
            Log.Abandoned(logger, caller.ApplicationId, caller.ClientId, name);
            return RpcResult.Failure(ErrorCodes.Disconnected, "The client went away.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Log.TimedOut(logger, caller.ApplicationId, caller.ClientId, name);
            return RpcResult.Failure(ErrorCodes.Timeout, $"'{name}' did not finish in time.");
        }
        catch (Exception ex)
        {
            Log.Failed(logger, ex, caller.ApplicationId, caller.ClientId, name);
            return RpcResult.Failure(ErrorCodes.Failed, $"'{name}' failed on the server.");
        }
    }

    private static IReadOnlyDictionary<string, RpcMethod> Discover(Type type)
    {
        var methods = new Dictionary<string, RpcMethod>(StringComparer.Ordinal);
        var named = new Dictionary<MethodInfo, string>();
        foreach (var (method, name, attribute) in Marked(type))
        {
            if (named.TryGetValue(method, out var already))
            {
                // The class's own attribute and its interface's both name the method: they must agree,
                // or a typed client (which reads the interface) would call a name nobody answers.
                if (already != name)
                {
                    throw new InvalidOperationException($"{type.Name}.{method.Name} is the RPC function '{already}' on the class but '{name}' on its interface; name it once.");
                }

                continue;
            }

            named.Add(method, name);
            var timeout = attribute.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(attribute.TimeoutSeconds) : (TimeSpan?)null;
            if (!methods.TryAdd(name, new RpcMethod(name, method, timeout)))
            {
                throw new InvalidOperationException($"{type.Name} exposes two RPC functions named '{name}'.");
            }
        }

        return methods;
    }

    /// <summary>
    /// The class's public methods marked <see cref="RpcMethodAttribute"/>, then the methods (explicit
    /// implementations too) implementing an interface method marked so: the contract a typed C#
    /// client calls through (<see cref="ThywillClientRpcExtensions.Rpc{TFunctions}"/>).
    /// </summary>
    private static IEnumerable<(MethodInfo Method, string Name, RpcMethodAttribute Attribute)> Marked(Type type)
    {
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<RpcMethodAttribute>() is { } attribute)
            {
                yield return (method, RpcNames.Of(method, attribute), attribute);
            }
        }

        foreach (var contract in type.GetInterfaces())
        {
            var map = type.GetInterfaceMap(contract);
            for (var i = 0; i < map.InterfaceMethods.Length; i++)
            {
                if (map.InterfaceMethods[i].GetCustomAttribute<RpcMethodAttribute>() is { } attribute)
                {
                    // Named from the interface's method: an explicit implementation's own name is qualified.
                    yield return (map.TargetMethods[i], RpcNames.Of(map.InterfaceMethods[i], attribute), attribute);
                }
            }
        }
    }

    private static string Shorten(string? name) => name is null ? "" : name.Length > 64 ? name[..64] + "…" : name;

    private static partial class Log
    {
        [LoggerMessage(70, LogLevel.Warning, "Call from {AppId}/{ClientId} to unknown function {Function}")]
        public static partial void NotFound(ILogger logger, string appId, string clientId, string function);

        [LoggerMessage(71, LogLevel.Warning, "Call from {AppId}/{ClientId} to {Function}: invalid arguments ({Reason})")]
        public static partial void InvalidArgument(ILogger logger, string appId, string clientId, string function, string reason);

        [LoggerMessage(72, LogLevel.Information, "Call from {AppId}/{ClientId} to {Function} refused ({Code})")]
        public static partial void Refused(ILogger logger, string appId, string clientId, string function, string code);

        [LoggerMessage(73, LogLevel.Warning, "Call from {AppId}/{ClientId} to {Function} timed out")]
        public static partial void TimedOut(ILogger logger, string appId, string clientId, string function);

        [LoggerMessage(75, LogLevel.Information, "Call from {AppId}/{ClientId} to {Function} cancelled: the client went away")]
        public static partial void Abandoned(ILogger logger, string appId, string clientId, string function);

        [LoggerMessage(74, LogLevel.Error, "Call from {AppId}/{ClientId} to {Function} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string appId, string clientId, string function);
    }
}
