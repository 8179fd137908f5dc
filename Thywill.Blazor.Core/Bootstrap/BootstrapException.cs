namespace Thywill.Blazor.Bootstrap;

/// <summary>The bootstrap of a client failed for a reason the browser can show.</summary>
internal sealed class BootstrapException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A short machine-readable reason, e.g. <c>unknown-application</c>.</param>
    /// <param name="message">A reason safe to show.</param>
    public BootstrapException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public BootstrapException()
        : this("failed", "The bootstrap failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">A reason safe to show.</param>
    public BootstrapException(string message)
        : this("failed", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">A reason safe to show.</param>
    /// <param name="innerException">The cause, logged only.</param>
    public BootstrapException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "failed";
    }

    /// <summary>The machine-readable reason.</summary>
    public string Code { get; } = "failed";
}
