namespace Thywill.Blazor.Engine;

/// <summary>What the engine still holds of a channel.</summary>
/// <param name="Epoch">The channel's current epoch.</param>
/// <param name="LatestOffset">The offset of the newest publication, 0 when none.</param>
/// <param name="Publications">Kept publications after the requested offset, in offset order.</param>
/// <param name="Complete">
/// Whether the publications are every one after the requested offset — <see langword="false"/> when
/// retention already removed some of them.
/// </param>
internal sealed record ChannelHistory(string Epoch, long LatestOffset, IReadOnlyList<Publication> Publications, bool Complete);
