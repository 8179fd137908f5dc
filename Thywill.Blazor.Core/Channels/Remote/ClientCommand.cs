using System.Text.Json;

namespace Thywill.Blazor.Channels.Remote;

/// <summary>
/// A server-side change to a client that the node making it does not hold: sent to every node of
/// the application over <see cref="Engine.ChannelKey.Nodes"/>; the node holding the client applies it.
/// </summary>
/// <param name="Operation"><see cref="Join"/>, <see cref="Leave"/> or <see cref="Info"/>.</param>
/// <param name="ClientId">The client.</param>
/// <param name="Channel">The channel joined or left (none for <see cref="Info"/>).</param>
/// <param name="ClientInfo">The client's new display info (only for <see cref="Info"/>).</param>
internal sealed record ClientCommand(string Operation, string ClientId, string? Channel, JsonElement ClientInfo)
{
    /// <summary>Attach the client's live session to a channel it was made a member of.</summary>
    public const string Join = "join";

    /// <summary>Detach the client's live session from a channel it was removed from.</summary>
    public const string Leave = "leave";

    /// <summary>Set the client's display info where it is present.</summary>
    public const string Info = "info";

    /// <summary>The command as the publication's payload.</summary>
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(new Wire(Operation, ClientId, Channel, ClientInfo.ValueKind == JsonValueKind.Undefined ? null : ClientInfo), JsonDefaults.Web);

    /// <summary>Reads a command from a publication's payload, or <see langword="null"/> when it is not one.</summary>
    /// <param name="data">The payload.</param>
    public static ClientCommand? From(JsonElement data)
    {
        try
        {
            var wire = data.Deserialize<Wire>(JsonDefaults.Web);
            return wire is { Op: Join or Leave or Info, Client.Length: > 0 } && (wire.Op == Info || !string.IsNullOrEmpty(wire.Channel))
                ? new ClientCommand(wire.Op, wire.Client, wire.Channel, wire.Info ?? default)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Wire(string Op, string Client, string? Channel, JsonElement? Info);
}
