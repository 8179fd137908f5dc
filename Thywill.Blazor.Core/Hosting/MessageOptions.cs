namespace Thywill.Blazor.Hosting;

/// <summary>Options for messages sent by clients.</summary>
internal sealed class MessageOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Messages";

    /// <summary>
    /// The most <see cref="MaxMessageBytes"/> may be: the hub's receive limit, sized from it, applies
    /// to every anonymous connection, so a larger value would let any browser make the node buffer that much.
    /// </summary>
    public const int MaxAllowedMessageBytes = 1024 * 1024;

    /// <summary>
    /// The largest message, in bytes of its UTF-8 JSON text, that a client may send or the server
    /// may push. The circuit's SignalR receive limit is raised to match, so an oversized send is
    /// refused with <c>too-large</c> instead of closing the circuit.
    /// </summary>
    /// <value>Defaults to 65,536 (64 KB); at most <see cref="MaxAllowedMessageBytes"/> (1 MB).</value>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Sustained messages per second one client may send.</summary>
    /// <value>Defaults to 20 (an application may fan a message out, as chat does).</value>
    public int RateLimitPerSecond { get; set; } = 20;

    /// <summary>Messages a client may send in a burst above the sustained rate.</summary>
    /// <value>Defaults to 40.</value>
    public int RateLimitBurst { get; set; } = 40;
}
