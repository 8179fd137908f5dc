namespace Thywill.Blazor.Rpc;

/// <summary>Options of remote procedure calls (<c>Thywill:Rpc</c>).</summary>
internal sealed class RpcOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Rpc";

    /// <summary>How long a call may run before it is cancelled with <c>timeout</c>.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls one client may have running at once; more are refused with <c>rate-limited</c>.</summary>
    /// <value>Defaults to 16.</value>
    public int MaxConcurrentCallsPerClient { get; set; } = 16;
}
