namespace Thywill.Blazor.Push;

/// <summary>What the push component does when a client's outbox is full.</summary>
internal enum OutboxFullPolicy
{
    /// <summary>
    /// Close the slow client's circuit. The browser reconnects and recovers from history, so a slow
    /// client costs itself a reconnect, never the server unbounded memory.
    /// </summary>
    Disconnect,

    /// <summary>
    /// Drop the new message, count it, and tell the client of the gap (a <c>gap</c> error event)
    /// once its outbox drains.
    /// </summary>
    Drop,
}
