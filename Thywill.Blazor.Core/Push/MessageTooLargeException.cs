namespace Thywill.Blazor.Push;

/// <summary>A message is larger than <c>Thywill:Messages:MaxMessageBytes</c>.</summary>
public sealed class MessageTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="size">The message's size in bytes.</param>
    /// <param name="limit">The limit.</param>
    public MessageTooLargeException(int size, int limit)
        : base($"The message is {size} bytes; the limit is {limit} bytes.")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>Creates the exception.</summary>
    public MessageTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message's size in bytes.</summary>
    public int Size { get; }

    /// <summary>The limit in bytes.</summary>
    public int Limit { get; }
}
