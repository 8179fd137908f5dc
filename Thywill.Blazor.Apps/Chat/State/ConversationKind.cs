namespace Thywill.Blazor.Apps.Chat.State;

/// <summary>What a conversation is.</summary>
public enum ConversationKind
{
    /// <summary>A room (<c>room:{name}</c>).</summary>
    Room,

    /// <summary>Direct messages with one person.</summary>
    Direct,

    /// <summary>A stranger pair (<c>pair:{id}</c>).</summary>
    Stranger,
}
