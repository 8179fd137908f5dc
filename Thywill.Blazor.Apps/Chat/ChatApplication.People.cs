using System.Text.Json;
using Thywill.Blazor.Apps.Chat.Server;

namespace Thywill.Blazor.Apps.Chat;

// People on every node: a person's id comes from its session, its record (nickname, session) is
// the one publication its person:{id} channel keeps, and its tabs are that channel's members.
// This node's copy of a record is read again when it is a few seconds old, so a nickname chosen
// in a tab on another node counts here too.
public sealed partial class ChatApplication
{
    /// <summary>How old this node's copy of a person's record may be before it is read again.</summary>
    internal static readonly TimeSpan RecordFreshness = TimeSpan.FromSeconds(5);

    private static string PersonChannel(string personId) => ChatLimits.PersonPrefix + personId;

    // The person of a session, its record read again when this node's copy is stale.
    private async Task<ChatPerson> PersonOfAsync(string sessionId, CancellationToken cancellationToken) =>
        _people.FindFresh(sessionId, RecordFreshness) ?? await ReadPersonAsync(sessionId, cancellationToken);

    private async Task<ChatPerson> ReadPersonAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await ReadRecordAsync(ChatPeople.PersonIdOf(sessionId), cancellationToken);
        return _people.Remember(sessionId, record?.Nickname);
    }

    // Someone addressed by person id: known to every node once they have chosen a nickname.
    private async Task<PersonRecord?> FindRecordAsync(string personId, CancellationToken cancellationToken) =>
        await ReadRecordAsync(personId, cancellationToken) is { } record && ChatPeople.PersonIdOf(record.Session) == personId ? record : null;

    private async Task<PersonRecord?> ReadRecordAsync(string personId, CancellationToken cancellationToken)
    {
        var kept = await Channels.ReadHistoryAsync(PersonChannel(personId), 1, cancellationToken);
        if (kept.Count == 0)
        {
            return null;
        }

        try
        {
            return kept[^1].Data.Deserialize<PersonRecord>(JsonSerializerOptions.Web) is { Nickname.Length: > 0, Session.Length: > 0 } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The person's tabs connected to any node: the members of its channel.
    private async Task<IReadOnlyList<string>> TabsOfAsync(string personId, CancellationToken cancellationToken) =>
        [.. (await Channels.GetPresenceAsync(PersonChannel(personId), cancellationToken)).Select(m => m.ClientId)];
}
