namespace Thywill.Blazor.Engine;

/// <summary>
/// The broker does not hold an archived channel's seed (Redis restarted empty, or the channel was
/// forgotten meanwhile): the caller seeds it again from the database and retries. Nothing was done.
/// </summary>
internal sealed class UnseededChannelException : Exception
{
    /// <summary>Creates the exception for a channel.</summary>
    /// <param name="channel">The channel.</param>
    public UnseededChannelException(ChannelKey channel)
        : base($"The broker does not hold the seed of the archived channel {channel}.") => Channel = channel;

    /// <summary>Creates the exception (for serialisers and analyzers).</summary>
    public UnseededChannelException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnseededChannelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnseededChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The channel.</summary>
    public ChannelKey Channel { get; }
}
