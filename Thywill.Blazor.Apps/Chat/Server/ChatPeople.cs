using System.Security.Cryptography;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Chat.Server;

/// <summary>
/// Who is in chat: a person per browser session, their nickname and their connected tabs. Thread-safe;
/// hands out immutable snapshots.
/// </summary>
/// <param name="time">The clock, for forgetting people long gone.</param>
internal sealed class ChatPeople(TimeProvider time)
{
    /// <summary>How long a person with no tab connected is remembered (their nickname survives a reload or a short absence).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byPerson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byClient = new(StringComparer.Ordinal);

    /// <summary>A tab connected: its person (created on the session's first tab).</summary>
    /// <param name="client">The client.</param>
    public ChatPerson Connect(ClientInfo client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            ForgetLongGone();
            if (!_bySession.TryGetValue(client.SessionId, out var entry))
            {
                entry = new Entry(NewPersonId(), client.SessionId);
                _bySession[client.SessionId] = entry;
                _byPerson[entry.PersonId] = entry;
            }

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

    /// <summary>Sets the nickname of a session's person.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="nickname">A nickname already checked with <see cref="ChatLimits.TryValidateNickname"/>.</param>
    /// <returns>The person afterwards, or <see langword="null"/> when the session has no person.</returns>
    public ChatPerson? SetNickname(string sessionId, string nickname)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(sessionId, out var entry))
            {
                return null;
            }

            entry.Nickname = nickname;
            return entry.Snapshot();
        }
    }

    /// <summary>The person of a session.</summary>
    /// <param name="sessionId">The session.</param>
    public ChatPerson? FindBySession(string sessionId)
    {
        lock (_gate)
        {
            return _bySession.TryGetValue(sessionId, out var entry) ? entry.Snapshot() : null;
        }
    }

    /// <summary>
    /// The person a message is addressed to, by person id only: a person id is learnt by sharing a
    /// room with them, while a client id that leaked (a log, a shared screenshot) must not be a way
    /// to reach anyone.
    /// </summary>
    /// <param name="personId">A person id.</param>
    public ChatPerson? FindByPerson(string personId)
    {
        lock (_gate)
        {
            return _byPerson.TryGetValue(personId, out var entry) ? entry.Snapshot() : null;
        }
    }

    // Called under _gate.
    private void ForgetLongGone()
    {
        var cutoff = time.GetUtcNow() - Retention;
        foreach (var entry in _bySession.Values.Where(e => e.Clients.Count == 0 && e.LastSeen < cutoff).ToList())
        {
            _bySession.Remove(entry.SessionId);
            _byPerson.Remove(entry.PersonId);
        }
    }

    private static string NewPersonId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private sealed class Entry(string personId, string sessionId)
    {
        public string PersonId { get; } = personId;

        public string SessionId { get; } = sessionId;

        public string? Nickname { get; set; }

        public HashSet<string> Clients { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastSeen { get; set; }

        public ChatPerson Snapshot() => new(PersonId, SessionId, Nickname, Clients.ToArray());
    }
}
