namespace Thywill.Blazor.Channels;

/// <summary>The resolved rule for one channel.</summary>
/// <param name="Pattern">The pattern that matched (<c>room:*</c>), or the channel's own name for framework channels.</param>
/// <param name="Join">Browsers may join.</param>
/// <param name="Publish">Member browsers may publish.</param>
/// <param name="Presence">Presence is tracked and shown to members.</param>
/// <param name="HistorySize">Publications kept.</param>
/// <param name="HistoryAge">How long they are kept.</param>
/// <param name="Archive">Publications are written to the database.</param>
/// <param name="HistoryMaxBytes">The most bytes (of the payloads' JSON) of publications kept, beside <paramref name="HistorySize"/>.</param>
public sealed record ChannelRule(
    string Pattern,
    bool Join,
    bool Publish,
    bool Presence,
    int HistorySize,
    TimeSpan HistoryAge,
    bool Archive,
    long HistoryMaxBytes)
{
    /// <summary>What the broker keeps of the channel's history, passed with each publication.</summary>
    internal Engine.ChannelRetention Retention => new(HistorySize, HistoryAge, HistoryMaxBytes, Archive);
}
