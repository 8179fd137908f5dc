namespace Thywill.Blazor.Channels;

/// <summary>How a client publishes to a channel.</summary>
/// <param name="ExcludeSelf">Do not deliver the publication back to the publisher (strokes on a shared canvas).</param>
public sealed record ChannelPublishOptions(bool ExcludeSelf = false);
