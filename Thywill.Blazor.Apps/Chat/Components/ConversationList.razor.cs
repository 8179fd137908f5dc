using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Apps.Chat.State;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>The tab's conversations with their unread counts; one is selected, any can be left or closed.</summary>
public sealed partial class ConversationList : ComponentBase
{
    /// <summary>The conversations, in order.</summary>
    [Parameter]
    public IReadOnlyList<Conversation> Conversations { get; set; } = [];

    /// <summary>The key of the conversation shown.</summary>
    [Parameter]
    public string? ActiveKey { get; set; }

    /// <summary>How many direct conversations the tab closed to stay within its bound.</summary>
    [Parameter]
    public int ClosedDirect { get; set; }

    /// <summary>Shows a conversation (its key).</summary>
    [Parameter]
    public EventCallback<string> OnSelect { get; set; }

    /// <summary>Leaves a room, or closes a direct conversation or a stranger pair.</summary>
    [Parameter]
    public EventCallback<Conversation> OnClose { get; set; }

    private string ItemClass(Conversation conversation) =>
        conversation.Key == ActiveKey ? "chat-conversation active" : "chat-conversation";

    private static string Label(Conversation conversation) => conversation.Kind switch
    {
        ConversationKind.Room => "#" + conversation.Title,
        ConversationKind.Direct => "@" + conversation.Title,
        _ => conversation.Ended ? "Stranger (ended)" : "Stranger",
    };

    private static string CloseTitle(Conversation conversation) => conversation.Kind switch
    {
        ConversationKind.Room => "Leave the room",
        ConversationKind.Stranger when !conversation.Ended => "Leave the stranger",
        _ => "Close",
    };
}
