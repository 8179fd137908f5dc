using System.Reflection;
using System.Text.Json;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Rpc;

/// <summary>One callable function: how to bind its arguments and await its result.</summary>
internal sealed class RpcMethod
{
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;
    private readonly Func<object?, Task<object?>> _unwrap;

    public RpcMethod(string name, MethodInfo method, TimeSpan? timeout)
    {
        Name = name;
        _method = method;
        _parameters = method.GetParameters();
        Timeout = timeout;
        _unwrap = ResultUnwrapper(method.ReturnType);
        ArgumentCount = _parameters.Count(p => !IsSupplied(p.ParameterType));
    }

    public string Name { get; }

    public TimeSpan? Timeout { get; }

    /// <summary>The arguments a caller passes (framework-supplied parameters excluded).</summary>
    public int ArgumentCount { get; }

    /// <summary>Binds JSON arguments by position; <see langword="null"/> with a reason when they do not fit.</summary>
    public object?[]? Bind(JsonElement args, ClientInfo caller, CancellationToken cancellationToken, JsonSerializerOptions json, out string? error)
    {
        error = null;
        var supplied = args.ValueKind == JsonValueKind.Array ? args.EnumerateArray().ToArray() : [];
        var required = _parameters.Count(p => !IsSupplied(p.ParameterType) && !p.HasDefaultValue);
        if (supplied.Length < required || supplied.Length > ArgumentCount)
        {
            error = ArgumentCount == required
                ? $"'{Name}' takes {ArgumentCount} argument(s); {supplied.Length} given."
                : $"'{Name}' takes {required} to {ArgumentCount} argument(s); {supplied.Length} given.";
            return null;
        }

        var values = new object?[_parameters.Length];
        var next = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            if (parameter.ParameterType == typeof(ClientInfo))
            {
                values[i] = caller;
                continue;
            }

            if (parameter.ParameterType == typeof(CancellationToken))
            {
                values[i] = cancellationToken;
                continue;
            }

            if (next >= supplied.Length)
            {
                values[i] = parameter.DefaultValue;
                continue;
            }

            var arg = supplied[next++];
            try
            {
                values[i] = arg.Deserialize(parameter.ParameterType, json);
                if (values[i] is null && parameter.ParameterType.IsValueType && Nullable.GetUnderlyingType(parameter.ParameterType) is null)
                {
                    throw new JsonException("null for a value type");
                }
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                error = $"Argument {next} of '{Name}' ({parameter.Name}) must be {Describe(parameter.ParameterType)}.";
                return null;
            }
        }

        return values;
    }

    public async Task<object?> InvokeAsync(object target, object?[] values)
    {
        object? returned;
        try
        {
            returned = _method.Invoke(target, values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return await _unwrap(returned).ConfigureAwait(false);
    }

    /// <summary>Whether the framework supplies a parameter of this type (the caller, the cancellation), so no caller passes it.</summary>
    internal static bool IsSupplied(Type type) => type == typeof(ClientInfo) || type == typeof(CancellationToken);

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "a string"
            : t == typeof(bool) ? "a boolean"
            : t.IsPrimitive || t == typeof(decimal) ? "a number"
            : t.IsArray || typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? "an array"
            : "an object of the expected shape";
    }

    private static Func<object?, Task<object?>> ResultUnwrapper(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return _ => Task.FromResult<object?>(null);
        }

        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return async value =>
            {
                await (value is ValueTask vt ? vt.AsTask() : (Task)value!).ConfigureAwait(false);
                return null;
            };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetProperty(nameof(Task<object>.Result))!;
            return async value =>
            {
                await ((Task)value!).ConfigureAwait(false);
                return result.GetValue(value);
            };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            var result = asTask.ReturnType.GetProperty(nameof(Task<object>.Result))!;
            return async value =>
            {
                var task = (Task)asTask.Invoke(value, null)!;
                await task.ConfigureAwait(false);
                return result.GetValue(task);
            };
        }

        return value => Task.FromResult(value);
    }
}
