namespace Thywill.Blazor.Channels;

/// <summary>
/// What browsers may do in the channels whose names match one pattern of one application
/// (an entry of <c>Thywill:Applications:{app}:Channels</c>), in the manner of Centrifugo's namespaces.
/// Over a <see cref="ChannelDeclaration"/> of the same pattern, each setting given here wins and each
/// left out keeps the declared value.
/// The application's <see cref="Applications.IThywillApplication.AuthorizeChannelAsync"/> hook refines it.
/// </summary>
internal sealed class ChannelRuleOptions
{
    /// <summary>The channel names this rule is for: an exact name, or a prefix ending in <c>*</c>.</summary>
    /// <value>Required.</value>
    public string Pattern { get; set; } = "";

    /// <summary>Whether a browser may join (subscribe to) such a channel itself.</summary>
    /// <value>Defaults to the declared value, else <see langword="false"/>.</value>
    public bool? Join { get; set; }

    /// <summary>Whether a member browser may publish to the channel.</summary>
    /// <value>Defaults to the declared value, else <see langword="false"/>.</value>
    public bool? Publish { get; set; }

    /// <summary>Whether presence is tracked and members see join and leave events.</summary>
    /// <value>Defaults to the declared value, else <see langword="false"/>.</value>
    public bool? Presence { get; set; }

    /// <summary>Publications kept for recovery; <see langword="null"/> takes <c>Thywill:Engine:HistorySize</c>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public int? HistorySize { get; set; }

    /// <summary>How long publications are kept; <see langword="null"/> takes <c>Thywill:Engine:HistoryAge</c>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public TimeSpan? HistoryAge { get; set; }

    /// <summary>
    /// The most bytes (of the payloads' JSON) of publications kept, beside <see cref="HistorySize"/>;
    /// <see langword="null"/> takes <c>Thywill:Engine:HistoryMaxBytes</c>.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public long? HistoryMaxBytes { get; set; }

    /// <summary>
    /// Whether publications are also written to the database, so history survives a restart
    /// (chat rooms on, game ticks off).
    /// </summary>
    /// <value>Defaults to the declared value, else <see langword="false"/>.</value>
    public bool? Archive { get; set; }
}
