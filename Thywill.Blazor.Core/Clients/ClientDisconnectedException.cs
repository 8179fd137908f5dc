namespace Thywill.Blazor.Clients;

/// <summary>The server closed a client's circuit on purpose (slow client, operator).</summary>
public sealed class ClientDisconnectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why.</param>
    public ClientDisconnectedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClientDisconnectedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="innerException">The cause.</param>
    public ClientDisconnectedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
