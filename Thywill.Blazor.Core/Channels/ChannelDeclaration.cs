namespace Thywill.Blazor.Channels;

/// <summary>
/// The rule an application declares in code for its channels whose names match <see cref="Pattern"/>
/// (on <see cref="Applications.ApplicationDescriptor.Channels"/>): what browsers may do there and what
/// is kept. An entry of <c>Thywill:Applications:{app}:Channels</c> with the same pattern overrides it
/// setting by setting; the application's <see cref="Applications.IThywillApplication.AuthorizeChannelAsync"/>
/// hook refines it per request.
/// </summary>
/// <example>
/// <code>
/// Channels =
/// [
///     new ChannelDeclaration("poll:*") { Join = true, Presence = true, HistorySize = 500, Archive = true },
/// ],
/// </code>
/// </example>
public sealed record ChannelDeclaration
{
    private readonly int? _historySize;
    private readonly TimeSpan? _historyAge;
    private readonly long? _historyMaxBytes;

    /// <summary>Declares the rule of the channels matching <paramref name="pattern"/>.</summary>
    /// <param name="pattern">An exact name (<c>lobby</c>) or a prefix ending in <c>*</c> (<c>room:*</c>).</param>
    /// <exception cref="ArgumentException">The pattern is not a valid channel pattern.</exception>
    public ChannelDeclaration(string pattern)
    {
        if (!ChannelNames.IsValidPattern(pattern))
        {
            throw new ArgumentException($"'{pattern}' is not a valid channel pattern: use a name of letters, digits and _-:.@# (not starting with $), optionally ending in *.", nameof(pattern));
        }

        Pattern = pattern;
    }

    /// <summary>The channel names this rule is for: an exact name, or a prefix ending in <c>*</c>.</summary>
    public string Pattern { get; }

    /// <summary>Whether a browser may join (subscribe to) such a channel itself.</summary>
    /// <value>Defaults to <see langword="false"/>: only the server joins clients.</value>
    public bool Join { get; init; }

    /// <summary>Whether a member browser may publish to the channel.</summary>
    /// <value>Defaults to <see langword="false"/>: only the server publishes.</value>
    public bool Publish { get; init; }

    /// <summary>Whether presence is tracked and members see join and leave events.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Presence { get; init; }

    /// <summary>Whether publications are also written to the database, so history survives a restart.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Archive { get; init; }

    /// <summary>Publications kept for recovery (0–10,000,000); <see langword="null"/> takes <c>Thywill:Engine:HistorySize</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public int? HistorySize
    {
        get => _historySize;
        init => _historySize = value is null or (>= 0 and <= 10_000_000) ? value : throw new ArgumentOutOfRangeException(nameof(HistorySize), value, "HistorySize must be 0 to 10,000,000.");
    }

    /// <summary>How long publications are kept (positive); <see langword="null"/> takes <c>Thywill:Engine:HistoryAge</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan? HistoryAge
    {
        get => _historyAge;
        init => _historyAge = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(HistoryAge), value, "HistoryAge must be positive.");
    }

    /// <summary>
    /// The most bytes (of the payloads' JSON) of publications kept, beside <see cref="HistorySize"/>
    /// (0–4 GiB); <see langword="null"/> takes <c>Thywill:Engine:HistoryMaxBytes</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
    public long? HistoryMaxBytes
    {
        get => _historyMaxBytes;
        init => _historyMaxBytes = value is null or (>= 0 and <= 1L << 32) ? value : throw new ArgumentOutOfRangeException(nameof(HistoryMaxBytes), value, "HistoryMaxBytes must be 0 to 4 GiB.");
    }
}
