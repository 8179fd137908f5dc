using System.Text.Json.Serialization;

namespace Thywill.Blazor.Channels;

/// <summary>Where a client is in a channel: the last offset it has, within an epoch.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Offset">The last offset received.</param>
internal sealed record ChannelPosition(
    [property: JsonPropertyName("epoch")] string Epoch,
    [property: JsonPropertyName("offset")] long Offset);
