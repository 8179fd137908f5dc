namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>
/// The server's answer to a join, leave or publish (<c>{ ok, id, channel, epoch, offset, presence,
/// code, message }</c>): the channel and the position in it, or a refusal with a named reason.
/// </summary>
/// <param name="Ok">Whether the server accepted it.</param>
/// <param name="Channel">The channel, when the name was valid.</param>
/// <param name="Epoch">The channel's epoch after the operation (join, publish).</param>
/// <param name="Offset">The channel's offset after a join; the publication's own offset after a publish.</param>
/// <param name="Id">The publication's message id (publish).</param>
/// <param name="PresenceCount">How many members the channel's presence listed after a join, when it has presence.</param>
/// <param name="Code">The reason it was refused: <c>not-found</c>, <c>no-permission</c>, <c>invalid-channel</c>, <c>not-member</c>, <c>too-many-channels</c>, <c>too-large</c>, <c>not-ready</c>, …</param>
/// <param name="Message">A readable reason.</param>
public sealed record ChannelOutcome(bool Ok, string? Channel, string? Epoch, long? Offset, string? Id, int? PresenceCount, string? Code, string? Message)
{
    /// <summary>A refusal made by the page itself, before asking the server (as thywill.js's <c>request</c> does).</summary>
    /// <param name="code">The named reason.</param>
    /// <param name="message">A readable reason.</param>
    public static ChannelOutcome Refused(string code, string message) => new(false, null, null, null, null, null, code, message);
}
