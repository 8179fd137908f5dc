namespace Thywill.Blazor.Apps.Chat.State;

/// <summary>A person in a room's presence: their tabs in the room shown as one.</summary>
/// <param name="Person">The person id.</param>
/// <param name="Name">The nickname.</param>
/// <param name="Tabs">How many of their tabs are in the room.</param>
/// <param name="IsMe">Whether it is this page's person.</param>
public sealed record PresencePerson(string Person, string Name, int Tabs, bool IsMe);
