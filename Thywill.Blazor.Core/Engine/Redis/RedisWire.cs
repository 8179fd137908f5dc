using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// How publications and presence changes are written in Redis. A publication's body (id, sender,
/// time, exclusions, payload) is JSON written by the publishing node; the Lua script adds the epoch
/// and offset it assigned, in-band, so every node receives them with the payload. A pub/sub message
/// is <c>p|{epoch}|{offset}|{body}</c> for a publication and <c>j|</c>, <c>u|</c> or <c>l|</c>
/// followed by the member's JSON for a join, an update or a leave: one channel carries both, so a
/// node sees them in the order Redis ordered them.
/// </summary>
internal static class RedisWire
{
    /// <summary>A publication's body: what the stream keeps and the message carries (with the publish's trace, when traced).</summary>
    public static byte[] WriteBody(string id, string? from, DateTimeOffset timestamp, IReadOnlyList<string>? exclude, JsonElement data, ActivityContext origin = default)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("i", id);
            if (from is not null)
            {
                writer.WriteString("f", from);
            }

            writer.WriteNumber("t", timestamp.ToUnixTimeMilliseconds());
            if (exclude is { Count: > 0 })
            {
                writer.WriteStartArray("x");
                foreach (var client in exclude)
                {
                    writer.WriteStringValue(client);
                }

                writer.WriteEndArray();
            }

            // W3C traceparent: another node's deliveries link to this publish.
            if (origin != default)
            {
                writer.WriteString("o", $"00-{origin.TraceId.ToHexString()}-{origin.SpanId.ToHexString()}-{((byte)origin.TraceFlags).ToString("x2", CultureInfo.InvariantCulture)}");
            }

            writer.WritePropertyName("d");
            data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a body back into the publication it was written for.</summary>
    public static Publication ReadBody(ChannelKey channel, string epoch, long offset, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var root = JsonElement.ParseValue(ref reader);
        var exclude = root.TryGetProperty("x", out var x) ? x.EnumerateArray().Select(e => e.GetString()!).ToArray() : null;
        return new Publication(
            root.GetProperty("i").GetString()!,
            channel,
            epoch,
            offset,
            root.TryGetProperty("f", out var from) ? from.GetString() : null,
            root.GetProperty("d"),
            DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("t").GetInt64()),
            exclude)
        {
            // A malformed trace parent is no reason to lose the message: it is delivered unlinked.
            Origin = root.TryGetProperty("o", out var o) && ActivityContext.TryParse(o.GetString(), null, out var context) ? context : default,
        };
    }

    /// <summary>A presence member as kept in the channel's presence hash and sent with its changes.</summary>
    public static string WriteMember(PresenceMember member)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("c", member.ClientId);
            if (member.UserId is not null)
            {
                writer.WriteString("u", member.UserId);
            }

            // Absent info stays absent (not JSON null), as the in-memory engine keeps it.
            if (member.Info.ValueKind != JsonValueKind.Undefined)
            {
                writer.WritePropertyName("i");
                member.Info.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a member written by <see cref="WriteMember"/>.</summary>
    public static PresenceMember ReadMember(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var root = JsonElement.ParseValue(ref reader);
        return new PresenceMember(
            root.GetProperty("c").GetString()!,
            root.TryGetProperty("u", out var user) ? user.GetString() : null,
            root.TryGetProperty("i", out var info) ? info : default);
    }

    /// <summary>What a pub/sub message holds.</summary>
    public static RedisMessage Read(ChannelKey channel, ReadOnlySpan<byte> message)
    {
        if (message.Length < 2 || message[1] != (byte)'|')
        {
            throw new FormatException("Not a Thywill engine message.");
        }

        var rest = message[2..];
        switch (message[0])
        {
            case (byte)'p':
                var bar = rest.IndexOf((byte)'|');
                var epoch = Encoding.UTF8.GetString(rest[..bar]);
                rest = rest[(bar + 1)..];
                bar = rest.IndexOf((byte)'|');
                var offset = long.Parse(rest[..bar], NumberStyles.None, CultureInfo.InvariantCulture);
                return new RedisMessage(ReadBody(channel, epoch, offset, rest[(bar + 1)..]), null);
            case (byte)'j':
                return new RedisMessage(null, new PresenceEvent(channel, "join", ReadMember(rest)));
            case (byte)'u':
                return new RedisMessage(null, new PresenceEvent(channel, "update", ReadMember(rest)));
            case (byte)'l':
                return new RedisMessage(null, new PresenceEvent(channel, "leave", ReadMember(rest)));
            default:
                throw new FormatException("Not a Thywill engine message.");
        }
    }
}

/// <summary>A pub/sub message: a publication or a presence change.</summary>
/// <param name="Publication">The publication, if it is one.</param>
/// <param name="Presence">The presence change, if it is one.</param>
internal readonly record struct RedisMessage(Publication? Publication, PresenceEvent? Presence);
