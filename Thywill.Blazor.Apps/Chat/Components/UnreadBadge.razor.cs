using Microsoft.AspNetCore.Components;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>An unread counter: <c>#chat-unread-{Slug}</c>.</summary>
public sealed partial class UnreadBadge : ComponentBase
{
    /// <summary>The conversation's slug (<see cref="State.Conversation.Slug"/>), part of the element id.</summary>
    [Parameter]
    [EditorRequired]
    public string Slug { get; set; } = "";

    /// <summary>How many messages are unread.</summary>
    [Parameter]
    public int Count { get; set; }
}
