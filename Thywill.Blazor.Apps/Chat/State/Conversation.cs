using Thywill.Blazor.Apps.Chat.Protocol;

namespace Thywill.Blazor.Apps.Chat.State;

/// <summary>A room, a direct conversation or a stranger pair: its lines, unread count and presence.</summary>
public sealed class Conversation
{
    private readonly List<ChatLine> _lines = [];
    private readonly HashSet<string> _lineIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChatPresenceInfo?> _members = new(StringComparer.Ordinal);

    /// <summary>Creates a conversation.</summary>
    /// <param name="key">The channel (<c>room:…</c>, <c>pair:…</c>) or <c>dm:{person}</c>.</param>
    /// <param name="kind">What it is.</param>
    /// <param name="title">What the page calls it.</param>
    public Conversation(string key, ConversationKind kind, string title)
    {
        Key = key;
        Kind = kind;
        Title = title;
    }

    /// <summary>The prefix of a direct conversation's key.</summary>
    public const string DirectPrefix = "dm:";

    /// <summary>The channel (<c>room:…</c>, <c>pair:…</c>) or <c>dm:{person}</c>.</summary>
    public string Key { get; }

    /// <summary>What it is.</summary>
    public ConversationKind Kind { get; }

    /// <summary>What the page calls it: the room's name, the person's nickname, "Stranger".</summary>
    public string Title { get; internal set; }

    /// <summary>
    /// A short name safe in an element id: the room name, <c>dm-{person}</c> or <c>stranger</c>
    /// (<c>#chat-unread-{Slug}</c>).
    /// </summary>
    public string Slug => Kind switch
    {
        ConversationKind.Room => Key[ChatLimits.RoomPrefix.Length..],
        ConversationKind.Direct => "dm-" + Key[DirectPrefix.Length..],
        _ => "stranger",
    };

    /// <summary>The lines, oldest first.</summary>
    public IReadOnlyList<ChatLine> Lines => _lines;

    /// <summary>How many older lines went to keep the last <see cref="MaxLines"/>.</summary>
    public int DroppedLines { get; private set; }

    /// <summary>When the conversation last had a line or was opened, in the tab's own order (for closing the quietest).</summary>
    internal long LastActive { get; set; }

    /// <summary>Messages from others that arrived while the conversation was not the one shown.</summary>
    public int Unread { get; internal set; }

    /// <summary>
    /// For a room: the offset the join started from. Publications up to it are the room's history,
    /// never unread. <see langword="null"/> while the join is under way.
    /// </summary>
    public long? JoinedOffset { get; internal set; }

    /// <summary>
    /// For a room: older messages are no longer kept (the tab was away past the retention, or the
    /// room's history was lost), so the lines shown start later than the room did.
    /// </summary>
    public bool HistoryIncomplete { get; internal set; }

    /// <summary>For a stranger pair: it ended, nothing more can be said in it.</summary>
    public bool Ended { get; internal set; }

    /// <summary>The tabs in the room's presence, by client id.</summary>
    public IReadOnlyDictionary<string, ChatPresenceInfo?> Members => _members;

    /// <summary>The people in the presence (several tabs of one person once), by name.</summary>
    /// <param name="myPerson">This page's person id, to mark "me".</param>
    public IReadOnlyList<PresencePerson> People(string? myPerson) =>
        _members
            .Where(m => m.Value is not null)
            .GroupBy(m => m.Value!.Person, StringComparer.Ordinal)
            .Select(g => new PresencePerson(g.Key, g.Last().Value!.Name, g.Count(), g.Key == myPerson))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Person, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The most lines a conversation keeps; older ones are forgotten.</summary>
    public const int MaxLines = 500;

    /// <summary>Adds a line unless one with its id is there already.</summary>
    /// <param name="line">The line.</param>
    /// <returns>Whether it was added.</returns>
    internal bool Add(ChatLine line)
    {
        if (!_lineIds.Add(line.Id))
        {
            return false;
        }

        _lines.Add(line);
        if (_lines.Count > MaxLines)
        {
            _lineIds.Remove(_lines[0].Id);
            _lines.RemoveAt(0);
            DroppedLines++;
        }

        return true;
    }

    internal void SetMember(string clientId, ChatPresenceInfo? info) => _members[clientId] = info;

    internal void AddMemberIfAbsent(string clientId, ChatPresenceInfo? info) => _members.TryAdd(clientId, info);

    internal void RemoveMember(string clientId) => _members.Remove(clientId);
}
