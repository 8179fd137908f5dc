namespace Thywill.Blazor.Engine;

/// <summary>
/// How much of a channel's history the broker keeps: the caller (who knows the channel's rule)
/// passes it with each publication, so the broker knows nothing of rules. A channel is trimmed to
/// the retention of its newest publication.
/// </summary>
/// <param name="Size">Publications kept.</param>
/// <param name="Age">How long they are kept.</param>
/// <param name="MaxBytes">The most bytes (of the payloads' JSON) kept, beside <paramref name="Size"/>.</param>
/// <param name="Archived">
/// The database keeps the channel too: its epoch and offsets come from the database (seeded), never
/// from the broker, so a broker that lost the channel refuses with <see cref="UnseededChannelException"/>
/// instead of starting a new epoch whose offsets would collide with the archive's.
/// </param>
internal readonly record struct ChannelRetention(int Size, TimeSpan Age, long MaxBytes, bool Archived = false);
