using System.Text;
using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>A client joined or left a channel's presence, or changed its info.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Action"><c>join</c>, <c>leave</c> or <c>update</c>.</param>
/// <param name="Member">The member.</param>
public sealed record PresenceEvent(ChannelKey Channel, string Action, PresenceMember Member) : IClientEvent
{
    private string? _json;

    /// <summary>The event for the browser: <c>{ type: 'presence', channel, action, member }</c>.</summary>
    public string ToJson() => _json ??= Write();

    private string Write()
    {
        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "presence");
            writer.WriteString("channel", Channel.Name);
            writer.WriteString("action", Action);
            writer.WritePropertyName("member");
            Member.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
