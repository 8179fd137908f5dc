using System.Security.Cryptography;
using System.Text;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// This node's copy of the people whose tabs it holds or has looked up: the person of each session
/// (its id is derived from the session, so every node gives the same one) and the nickname last
/// read from the person's record (<see cref="PersonRecord"/>), with when it was read — the record
/// is the truth, and a copy older than a few seconds is read again. Thread-safe; hands out
/// immutable snapshots; forgets people with no tab here after <see cref="Retention"/>.
/// </summary>
/// <param name="time">The clock.</param>
internal sealed class ChatPeople(TimeProvider time)
{
    /// <summary>How long a person with no tab connected here is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>The most people one node remembers without a tab here (a flood of look-ups cannot grow it).</summary>
    public const int MaxRemembered = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byClient = new(StringComparer.Ordinal);

    /// <summary>
    /// The person id of a session, the same on every node: a hash, so that the session id (which
    /// the cookie carries) cannot be learnt from it.
    /// </summary>
    /// <param name="sessionId">The session.</param>
    public static string PersonIdOf(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("thywill-chat-person\n" + sessionId)).AsSpan(0, 8));

    /// <summary>Whether a string has the shape of a person id (what a browser names the recipient of a direct message by).</summary>
    /// <param name="personId">The string.</param>
    public static bool IsPersonId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? personId) =>
        personId is { Length: 16 } && personId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>A tab connected here: its person.</summary>
    /// <param name="client">The client.</param>
    public ChatPerson Connect(ClientInfo client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            ForgetLongGone();
            var entry = EntryOf(client.SessionId);
            entry.Clients.Add(client.ClientId);
            _byClient[client.ClientId] = entry;
            return entry.Snapshot();
        }
    }

    /// <summary>A tab disconnected.</summary>
    /// <param name="client">The client.</param>
    public void Disconnect(ClientInfo client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (_byClient.Remove(client.ClientId, out var entry))
            {
                entry.Clients.Remove(client.ClientId);
                entry.LastSeen = time.GetUtcNow();
            }
        }
    }

    /// <summary>Takes what the person's record says (a record may be missing: then the nickname known here stays).</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="nickname">The record's nickname, or <see langword="null"/> when there is no record.</param>
    /// <returns>The person afterwards.</returns>
    public ChatPerson Remember(string sessionId, string? nickname)
    {
        lock (_gate)
        {
            ForgetLongGone();
            var entry = EntryOf(sessionId);
            entry.Nickname = nickname ?? entry.Nickname;
            entry.ReadAt = time.GetUtcNow();
            return entry.Snapshot();
        }
    }

    /// <summary>The person of a session when this node's copy was read within <paramref name="freshness"/>.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="freshness">How old a copy may be.</param>
    public ChatPerson? FindFresh(string sessionId, TimeSpan freshness)
    {
        lock (_gate)
        {
            return _bySession.TryGetValue(sessionId, out var entry) && entry.ReadAt is { } read && time.GetUtcNow() - read < freshness
                ? entry.Snapshot()
                : null;
        }
    }

    /// <summary>Whether a session has a tab connected to this node.</summary>
    /// <param name="sessionId">The session.</param>
    public bool HasTabsHere(string sessionId)
    {
        lock (_gate)
        {
            return _bySession.TryGetValue(sessionId, out var entry) && entry.Clients.Count > 0;
        }
    }

    /// <summary>How many people this node remembers (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _bySession.Count;
            }
        }
    }

    // Called under _gate.
    private Entry EntryOf(string sessionId)
    {
        if (!_bySession.TryGetValue(sessionId, out var entry))
        {
            if (_bySession.Count >= MaxRemembered)
            {
                // The longest gone without a tab here makes room; people with tabs here are kept.
                var oldest = _bySession.Values.Where(e => e.Clients.Count == 0).MinBy(e => e.LastSeen);
                if (oldest is not null)
                {
                    Forget(oldest);
                }
            }

            entry = new Entry(PersonIdOf(sessionId), sessionId) { LastSeen = time.GetUtcNow() };
            _bySession[sessionId] = entry;
        }

        return entry;
    }

    // Called under _gate.
    private void ForgetLongGone()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var entry in _bySession.Values.Where(e => e.Clients.Count == 0 && e.LastSeen < cutoff).ToList())
        {
            Forget(entry);
        }
    }

    private void Forget(Entry entry) => _bySession.Remove(entry.SessionId);

    private sealed class Entry(string personId, string sessionId)
    {
        public string PersonId { get; } = personId;

        public string SessionId { get; } = sessionId;

        public string? Nickname { get; set; }

        public HashSet<string> Clients { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset? ReadAt { get; set; }

        public ChatPerson Snapshot() => new(PersonId, SessionId, Nickname);
    }
}
