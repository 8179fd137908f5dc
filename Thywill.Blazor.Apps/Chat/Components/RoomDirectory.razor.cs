using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>The rooms others created that this tab is not in; one click joins.</summary>
public sealed partial class RoomDirectory : ComponentBase
{
    /// <summary>Every listed room (names without <c>room:</c>).</summary>
    [Parameter]
    public IReadOnlyList<string> Rooms { get; set; } = [];

    /// <summary>The rooms this tab is in, left out of the list.</summary>
    [Parameter]
    public IReadOnlyCollection<string> Joined { get; set; } = [];

    /// <summary>Joins a room.</summary>
    [Parameter]
    public Func<string, Task<bool>> OnJoin { get; set; } = _ => Task.FromResult(false);
}
