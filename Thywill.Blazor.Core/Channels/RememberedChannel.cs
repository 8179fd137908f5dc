using System.Text.Json.Serialization;

namespace Thywill.Blazor.Channels;

/// <summary>
/// What a tab remembers of one channel across reloads (kept by <c>thywill.js</c> in
/// <c>sessionStorage</c> for both front ends, and presented when a circuit starts): its last
/// position, and whether the channel was joined with its history.
/// </summary>
/// <param name="Epoch">The epoch of <paramref name="Offset"/>, or <see langword="null"/> when no position is known.</param>
/// <param name="Offset">The last offset the tab received.</param>
/// <param name="History">Whether the tab joined the channel with its history: a new page is given it again.</param>
internal sealed record RememberedChannel(
    [property: JsonPropertyName("epoch")] string? Epoch,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("history")] bool History = false)
{
    /// <summary>The position, when the tab has one.</summary>
    public ChannelPosition? Position => string.IsNullOrEmpty(Epoch) || Offset < 0 ? null : new ChannelPosition(Epoch, Offset);
}
