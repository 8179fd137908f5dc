using System.Reflection;

namespace Thywill.Blazor.Rpc;

/// <summary>
/// How a method becomes a function name — one rule for the server's discovery and the typed C#
/// client, so the two cannot disagree: <see cref="RpcMethodAttribute.Name"/>, else the method's name
/// without <c>Async</c>, camel-cased (<c>AddAsync</c> → <c>add</c>).
/// </summary>
internal static class RpcNames
{
    public static string Of(MethodInfo method, RpcMethodAttribute attribute) => attribute.Name ?? Default(method.Name);

    public static string Default(string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5 ? methodName[..^5] : methodName;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
