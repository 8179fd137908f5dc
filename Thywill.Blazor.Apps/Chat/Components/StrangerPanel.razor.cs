using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>"Talk to a stranger": start waiting, stop, leave, or send the stranger away for another.</summary>
public sealed partial class StrangerPanel : ComponentBase
{
    /// <summary>The tab's stranger state (<see cref="Protocol.StrangerStates"/>).</summary>
    [Parameter]
    public string State { get; set; } = Protocol.StrangerStates.Idle;

    /// <summary>Starts waiting for a stranger.</summary>
    [Parameter]
    public EventCallback OnFind { get; set; }

    /// <summary>Stops waiting, or leaves the stranger.</summary>
    [Parameter]
    public EventCallback OnLeave { get; set; }

    /// <summary>Sends the stranger away and waits for another.</summary>
    [Parameter]
    public EventCallback OnKick { get; set; }
}
