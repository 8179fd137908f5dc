namespace Thywill.Blazor.Applications;

/// <summary>
/// Thrown by an application hook to refuse a client's message or request. The reason reaches the
/// browser (<c>thywill.send.onError</c>, or the rejected Promise's <c>message</c>), so keep it safe to show.
/// </summary>
public sealed class MessageRejectedException : Exception
{
    /// <summary>Creates the exception with the reason the client sees.</summary>
    /// <param name="reason">The reason, shown to the client.</param>
    public MessageRejectedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with a default reason.</summary>
    public MessageRejectedException()
        : base("The application refused the message.")
    {
    }

    /// <summary>Creates the exception with a reason and the exception that caused it.</summary>
    /// <param name="reason">The reason, shown to the client.</param>
    /// <param name="innerException">The cause, logged only.</param>
    public MessageRejectedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
