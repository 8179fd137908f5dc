using System.Text.Json;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.Server;

namespace Thywill.Blazor.Apps.Chat;

// The room directory on every node: each room is one publication of the server-only channel
// "rooms", which keeps the newest ChatRooms.MaxListed. A page's welcome reads it; the check whether
// a room is listed yet uses this node's copy while it is a few seconds old.
public sealed partial class ChatApplication
{
    private const string DirectoryChannel = "rooms";

    private async Task<IReadOnlyList<string>> DirectoryAsync(CancellationToken cancellationToken) =>
        _rooms.FindFresh(RecordFreshness) ?? await ReadDirectoryAsync(cancellationToken);

    private async Task<IReadOnlyList<string>> ReadDirectoryAsync(CancellationToken cancellationToken)
    {
        var kept = await Channels.ReadHistoryAsync(DirectoryChannel, ChatRooms.MaxListed, cancellationToken);
        return _rooms.Replace(kept.Select(p => NameOf(p.Data)).OfType<string>());
    }

    // A room someone was let into for the first time: listed for every node, and every tab is told.
    private async Task ListRoomAsync(string name, CancellationToken cancellationToken)
    {
        if ((await DirectoryAsync(cancellationToken)).Contains(name, StringComparer.Ordinal))
        {
            return;
        }

        await Channels.PublishAsync(DirectoryChannel, new RoomRecord(name), cancellationToken: cancellationToken);

        // Read back, so that rooms listed meanwhile through other nodes are in what the tabs are told.
        await Push.BroadcastAsync(new RoomsEvent(await ReadDirectoryAsync(cancellationToken)), cancellationToken);
    }

    private static string? NameOf(JsonElement data)
    {
        try
        {
            return data.Deserialize<RoomRecord>(JsonSerializerOptions.Web) is { Name: { } name } && ChatLimits.TryValidateRoomName(name, out _) ? name : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RoomRecord(string Name)
    {
        public string Type => "room";
    }
}
