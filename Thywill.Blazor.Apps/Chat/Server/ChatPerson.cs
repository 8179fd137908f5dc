namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// A person as chat knows them: one browser session, all its tabs, on whichever nodes. Others see
/// only the person id, never the session id.
/// </summary>
/// <param name="PersonId">An unguessable id others use to address the person, the same on every node (<see cref="ChatPeople.PersonIdOf"/>).</param>
/// <param name="SessionId">The browser session (server-side only).</param>
/// <param name="Nickname">The chosen nickname, or <see langword="null"/> before one is chosen.</param>
internal sealed record ChatPerson(string PersonId, string SessionId, string? Nickname);
