namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>A circuit could not start, or the server ended it with an error.</summary>
public sealed class CircuitFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CircuitFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public CircuitFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CircuitFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
