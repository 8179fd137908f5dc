using Microsoft.AspNetCore.Components;
using Thywill.Blazor.Apps.Chat.State;

namespace Thywill.Blazor.Apps.Chat.Components;

/// <summary>The lines of the conversation shown, oldest first, kept scrolled to the newest.</summary>
public sealed partial class MessageList : ComponentBase
{
    /// <summary>The lines.</summary>
    [Parameter]
    public IReadOnlyList<ChatLine> Lines { get; set; } = [];

    private static string LineClass(ChatLine line) =>
        line.Notice ? "chat-line chat-notice" : line.Mine ? "chat-line mine" : "chat-line";
}
