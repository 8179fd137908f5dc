namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// This node's copy of the room directory: "lobby" first, then the rooms the directory channel
/// (<c>rooms</c>) keeps, oldest first — the channel is the truth on every node, and a copy older than
/// a few seconds is read again. Thread-safe.
/// </summary>
/// <param name="time">The clock.</param>
internal sealed class ChatRooms(TimeProvider time)
{
    /// <summary>The room every directory starts with.</summary>
    public const string Lobby = "lobby";

    /// <summary>The most rooms the directory lists (its channel keeps the newest ones); further rooms work but are not listed.</summary>
    public const int MaxListed = 200;

    private readonly Lock _gate = new();
    private IReadOnlyList<string> _rooms = [Lobby];
    private DateTimeOffset? _readAt;

    /// <summary>The rooms when this copy was read within <paramref name="freshness"/>, else <see langword="null"/>.</summary>
    /// <param name="freshness">How old the copy may be.</param>
    public IReadOnlyList<string>? FindFresh(TimeSpan freshness)
    {
        lock (_gate)
        {
            return _readAt is { } read && time.GetUtcNow() - read < freshness ? _rooms : null;
        }
    }

    /// <summary>Takes the directory channel's rooms, oldest first.</summary>
    /// <param name="names">The names it keeps (repeats and the lobby are dropped; past <see cref="MaxListed"/> the oldest go).</param>
    /// <returns>The directory.</returns>
    public IReadOnlyList<string> Replace(IEnumerable<string> names)
    {
        var rooms = new List<string> { Lobby };
        foreach (var name in names.Reverse().Where(n => n != Lobby).Distinct(StringComparer.Ordinal).Take(MaxListed - 1).Reverse())
        {
            rooms.Add(name);
        }

        lock (_gate)
        {
            _rooms = rooms;
            _readAt = time.GetUtcNow();
            return _rooms;
        }
    }
}
