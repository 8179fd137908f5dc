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

    /// <summary>
    /// The most channels (besides the framework's own) one application may have at once; a join that
    /// would make another is refused <c>channel-limit</c>. Channels nobody uses are forgotten, which
    /// makes room again.
    /// </summary>
    /// <value>Defaults to 10,000.</value>
    public int MaxChannelsPerApplication { get; set; } = 10_000;

    /// <summary>The most members one channel's presence may have; a join beyond is refused <c>presence-full</c>.</summary>
    /// <value>Defaults to 1,000.</value>
    public int MaxPresenceMembers { get; set; } = 1_000;

    /// <summary>
    /// How long an archived channel nobody uses (no subscriber, no publication, no history read) stays
    /// open in memory; after that it is reopened from the database when next used, with the same epoch
    /// and offsets.
    /// </summary>
    /// <value>Defaults to 10 minutes.</value>
    public TimeSpan IdleRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest presence info (UTF-8 JSON bytes) a browser may give when joining.</summary>
    /// <value>Defaults to 1,024.</value>
    public int MaxPresenceInfoBytes { get; set; } = 1024;
}
