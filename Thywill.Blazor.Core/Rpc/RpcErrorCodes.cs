namespace Thywill.Blazor.Rpc;

/// <summary>The named reasons a call fails; the browser sees them as <c>error.code</c>.</summary>
public static class RpcErrorCodes
{
    /// <summary>The application has no function of that name.</summary>
    public const string NotFound = "not-found";

    /// <summary>The function refused this caller.</summary>
    public const string NoPermission = "no-permission";

    /// <summary>The arguments did not bind to the function's parameters.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>The call ran longer than its timeout and was cancelled.</summary>
    public const string Timeout = "timeout";

    /// <summary>The client went away (or the connection dropped) before the answer.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>The function failed; the details are in the server log only.</summary>
    public const string Failed = "failed";
}
