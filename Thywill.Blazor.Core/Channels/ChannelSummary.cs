namespace Thywill.Blazor.Channels;

/// <summary>One channel as the engine holds it now, for operators and dashboards.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Epoch">Its epoch: offsets are comparable only within one.</param>
/// <param name="LatestOffset">The offset of its newest publication (0 before the first).</param>
/// <param name="Kept">How many publications its history keeps in the engine now.</param>
/// <param name="KeptBytes">Their size in bytes (as measured against the message limit).</param>
/// <param name="Presence">How many members its presence has.</param>
/// <param name="Subscribers">How many subscriptions this node holds to it.</param>
public sealed record ChannelSummary(string Name, string Epoch, long LatestOffset, int Kept, long KeptBytes, int Presence, int Subscribers);
