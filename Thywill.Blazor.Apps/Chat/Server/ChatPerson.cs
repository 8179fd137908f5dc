namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// A person as chat knows them: one browser session, all its tabs. Others see only the person id,
/// never the session id.
/// </summary>
/// <param name="PersonId">An unguessable id others use to address the person.</param>
/// <param name="SessionId">The browser session (server-side only).</param>
/// <param name="Nickname">The chosen nickname, or <see langword="null"/> before one is chosen.</param>
/// <param name="ClientIds">The person's connected tabs.</param>
internal sealed record ChatPerson(string PersonId, string SessionId, string? Nickname, IReadOnlyList<string> ClientIds)
{
    /// <summary>Whether any tab of the person is connected.</summary>
    public bool IsOnline => ClientIds.Count > 0;
}
