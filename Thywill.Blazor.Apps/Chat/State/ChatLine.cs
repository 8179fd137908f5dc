namespace Thywill.Blazor.Apps.Chat.State;

/// <summary>One line of a conversation, as the page shows it (always as text).</summary>
/// <param name="Id">The message id, so a line delivered twice shows once.</param>
/// <param name="Name">Who wrote it, or a notice's label.</param>
/// <param name="Text">The text.</param>
/// <param name="Mine">Written by this person (any of their tabs).</param>
/// <param name="Person">The author's person id, when known.</param>
/// <param name="Notice">A notice from chat itself (the stranger left), not a person's message.</param>
public sealed record ChatLine(string Id, string Name, string Text, bool Mine, string? Person = null, bool Notice = false);
