using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Apps.Chat.State;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>Who is in the room now, one line per person however many tabs; anyone else can be messaged directly.</summary>
public sealed partial class PresenceList : ComponentBase
{
    /// <summary>The people, in display order.</summary>
    [Parameter]
    public IReadOnlyList<PresencePerson> People { get; set; } = [];

    /// <summary>Opens the direct conversation with a person.</summary>
    [Parameter]
    public EventCallback<PresencePerson> OnDirect { get; set; }
}
