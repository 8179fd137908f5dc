namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>The room directory: every room someone was let into since the server started, "lobby" first. Thread-safe.</summary>
internal sealed class ChatRooms
{
    /// <summary>The room every directory starts with.</summary>
    public const string Lobby = "lobby";

    /// <summary>The most rooms the directory lists; further rooms work but are not listed.</summary>
    public const int MaxListed = 200;

    private readonly Lock _gate = new();
    private readonly List<string> _rooms = [Lobby];

    /// <summary>The rooms, in the order they were created.</summary>
    public IReadOnlyList<string> All
    {
        get
        {
            lock (_gate)
            {
                return _rooms.ToArray();
            }
        }
    }

    /// <summary>Lists a room.</summary>
    /// <param name="name">A valid room name (without <c>room:</c>).</param>
    /// <returns>Whether the directory changed.</returns>
    public bool Add(string name)
    {
        lock (_gate)
        {
            if (_rooms.Count >= MaxListed || _rooms.Contains(name, StringComparer.Ordinal))
            {
                return false;
            }

            _rooms.Add(name);
            return true;
        }
    }
}
