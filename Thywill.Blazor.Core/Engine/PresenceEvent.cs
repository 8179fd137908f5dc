using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>A client joined or left a channel's presence, or changed its info.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Action"><c>join</c>, <c>leave</c> or <c>update</c>.</param>
/// <param name="Member">The member.</param>
public sealed record PresenceEvent(ChannelKey Channel, string Action, PresenceMember Member) : IClientEvent
{
    private byte[]? _json;

    /// <summary>The channel's name (<c>room:tea</c>), as the browser sees it: <c>Channel.Name</c>.</summary>
    public string ChannelName => Channel.Name;

    /// <summary>The event for the browser, <c>{ type: 'presence', channel, action, member }</c>, as UTF-8 JSON written once.</summary>
    ReadOnlyMemory<byte> IClientEvent.Json => Json;

    internal ReadOnlyMemory<byte> Json => _json ??= EventJson.Write(this, static (writer, e) => e.Write(writer));

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "presence");
        writer.WriteString("channel", Channel.Name);
        writer.WriteString("action", Action);
        writer.WritePropertyName("member");
        Member.WriteTo(writer);
        writer.WriteEndObject();
    }
}
