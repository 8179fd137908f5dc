namespace Thywill.Blazor.Engine;

/// <summary>What the broker holds of one channel, for operators.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="LatestOffset">The offset of its newest publication.</param>
/// <param name="HistoryCount">Publications kept.</param>
/// <param name="HistoryBytes">Their bytes.</param>
/// <param name="Subscribers">This node's subscribers.</param>
internal sealed record BrokerChannel(string Name, string Epoch, long LatestOffset, int HistoryCount, long HistoryBytes, int Subscribers);
