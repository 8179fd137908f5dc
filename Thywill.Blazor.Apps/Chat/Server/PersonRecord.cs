namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// What every node knows of a person: the one publication the person's channel
/// (<c>person:{id}</c>, server-only) keeps. Its tabs are that channel's members, so its presence
/// lists them on every node.
/// </summary>
/// <param name="Nickname">The nickname.</param>
/// <param name="Session">The browser session (for direct messages; the channel is the server's alone).</param>
internal sealed record PersonRecord(string Nickname, string Session)
{
    /// <summary>The record's type, for a reader that finds something else in the channel.</summary>
    public string Type => "person";
}
