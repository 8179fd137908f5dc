namespace Thywill.Blazor.Engine;

/// <summary>
/// How much of a channel's history the broker keeps: the caller (who knows the channel's rule)
/// passes it with each publication, so the broker knows nothing of rules. A channel is trimmed to
/// the retention of its newest publication.
/// </summary>
/// <param name="Size">Publications kept.</param>
/// <param name="Age">How long they are kept.</param>
/// <param name="MaxBytes">The most bytes (of the payloads' JSON) kept, beside <paramref name="Size"/>.</param>
internal readonly record struct ChannelRetention(int Size, TimeSpan Age, long MaxBytes);
