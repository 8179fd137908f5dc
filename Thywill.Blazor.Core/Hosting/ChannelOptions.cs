namespace Thywill.Blazor.Hosting;

/// <summary>Options of channels and presence.</summary>
internal sealed class ChannelOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Channels";

    /// <summary>
    /// How long a client may be away (a network blip, a reload, a move to another node) before it
    /// leaves the presence of its channels.
    /// </summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan PresenceGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most channels one client may be a member of.</summary>
    /// <value>Defaults to 100.</value>
    public int MaxChannelsPerClient { get; set; } = 100;

    /// <summary>The largest presence info (UTF-8 JSON bytes) a browser may give when joining.</summary>
    /// <value>Defaults to 1,024.</value>
    public int MaxPresenceInfoBytes { get; set; } = 1024;
}
