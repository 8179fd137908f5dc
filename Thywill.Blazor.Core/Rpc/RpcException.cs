using Thywill.Blazor.Clients;
namespace Thywill.Blazor.Rpc;

/// <summary>
/// Thrown by an RPC function to fail a call with a named reason the caller sees (for example
/// <see cref="ErrorCodes.NoPermission"/>); thrown by <c>IThywillClient.CallAsync</c> when a call fails.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">One of <see cref="ErrorCodes"/> (or an application's own code).</param>
    /// <param name="message">A reason safe to show.</param>
    public RpcException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with <see cref="ErrorCodes.Failed"/>.</summary>
    public RpcException()
        : this(ErrorCodes.Failed, "The call failed.")
    {
    }

    /// <summary>Creates the exception with <see cref="ErrorCodes.Failed"/>.</summary>
    /// <param name="message">A reason safe to show.</param>
    public RpcException(string message)
        : this(ErrorCodes.Failed, message)
    {
    }

    /// <summary>Creates the exception with <see cref="ErrorCodes.Failed"/>.</summary>
    /// <param name="message">A reason safe to show.</param>
    /// <param name="innerException">The cause.</param>
    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.Failed;
    }

    /// <summary>The named reason.</summary>
    public string Code { get; } = ErrorCodes.Failed;
}
