using System.Diagnostics;
using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>
/// One message published in a channel, with the offset the engine gave it. Immutable and shared by
/// every recipient: its JSON form is written once, however many clients receive it.
/// </summary>
public sealed class Publication : IClientEvent
{
    private byte[]? _json;
    private int _size = -1;

    /// <summary>Creates a publication.</summary>
    /// <param name="id">A unique message id.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="epoch">The channel's epoch: offsets compare only within one epoch.</param>
    /// <param name="offset">The position in the channel, from 1, gap-free within an epoch.</param>
    /// <param name="from">The sending client id, or <see langword="null"/> for the server.</param>
    /// <param name="data">The payload.</param>
    /// <param name="timestamp">When it was published.</param>
    /// <param name="exclude">Clients that must not receive it (for example the sender of a stroke).</param>
    public Publication(string id, ChannelKey channel, string epoch, long offset, string? from, JsonElement data, DateTimeOffset timestamp, IReadOnlyList<string>? exclude = null)
    {
        Exclude = exclude is { Count: > 0 } ? exclude : null;
        Id = id;
        Channel = channel;
        Epoch = epoch;
        Offset = offset;
        From = from;
        Data = data;
        Timestamp = timestamp;
    }

    /// <summary>A unique message id.</summary>
    public string Id { get; }

    /// <summary>The channel it was published in.</summary>
    public ChannelKey Channel { get; }

    /// <summary>The channel's name (<c>room:tea</c>), as the browser sees it: <c>Channel.Name</c>.</summary>
    public string ChannelName => Channel.Name;

    /// <summary>The channel's epoch.</summary>
    public string Epoch { get; }

    /// <summary>The position in the channel.</summary>
    public long Offset { get; }

    /// <summary>The sending client, or <see langword="null"/> when the server sent it.</summary>
    public string? From { get; }

    /// <summary>The payload.</summary>
    public JsonElement Data { get; }

    /// <summary>When it was published.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The payload's size: bytes of its UTF-8 JSON, as the message limit measures it.</summary>
    internal int Size => _size >= 0 ? _size : _size = Push.MessageSize.Measure(Data);

    /// <summary>Clients that must not receive it, or <see langword="null"/>.</summary>
    internal IReadOnlyList<string>? Exclude { get; }

    /// <summary>
    /// The trace of the publish that made it (default when nobody traced it), carried to other
    /// nodes and kept in history, so each delivery's activity links to the publication it carries.
    /// </summary>
    internal ActivityContext Origin { get; init; }

    /// <summary>Whether a client is excluded from this publication.</summary>
    /// <param name="clientId">The client.</param>
    internal bool Excludes(string clientId) => Exclude is { } list && list.Contains(clientId, StringComparer.Ordinal);

    /// <summary>
    /// The envelope the browser receives, <c>{ id, channel, epoch, offset, from, data, ts }</c>, as
    /// UTF-8 JSON: written on first use and shared by every recipient.
    /// </summary>
    ReadOnlyMemory<byte> IClientEvent.Json => Json;

    internal ReadOnlyMemory<byte> Json => _json ??= EventJson.Write(this, static (writer, p) => p.WriteEnvelope(writer), 256);

    private void WriteEnvelope(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("channel", Channel.Name);
        writer.WriteString("epoch", Epoch);
        writer.WriteNumber("offset", Offset);
        if (From is null)
        {
            writer.WriteNull("from");
        }
        else
        {
            writer.WriteString("from", From);
        }

        writer.WritePropertyName("data");
        Data.WriteTo(writer);
        writer.WriteNumber("ts", Timestamp.ToUnixTimeMilliseconds());
        writer.WriteEndObject();
    }
}
