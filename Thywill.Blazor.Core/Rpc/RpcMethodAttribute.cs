namespace Thywill.Blazor.Rpc;

/// <summary>
/// Marks a public method of an application class as callable from its browsers
/// (<c>thywill.call(name, ...args)</c>) and from its Razor components (<c>IThywillClient.CallAsync</c>).
/// Arguments bind by position from JSON; parameters of type <see cref="Applications.ClientInfo"/> (the
/// caller, stamped by the server) and <see cref="CancellationToken"/> (cancelled on timeout or when the
/// client goes away) are supplied by the framework.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RpcMethodAttribute : Attribute
{
    /// <summary>Exposes the method under its own name, camel-cased (<c>AddAsync</c> → <c>add</c>).</summary>
    public RpcMethodAttribute()
    {
    }

    /// <summary>Exposes the method under <paramref name="name"/>.</summary>
    /// <param name="name">The name browsers call.</param>
    public RpcMethodAttribute(string name) => Name = name;

    /// <summary>The name browsers call, or <see langword="null"/> for the method's own name.</summary>
    public string? Name { get; }

    /// <summary>How long a call may run before it is cancelled with <c>timeout</c>; 0 takes <c>Thywill:Rpc:Timeout</c>.</summary>
    public int TimeoutSeconds { get; set; }
}
