using System.Text.Json;

namespace Thywill.Blazor.Channels;

/// <summary>How a client joins a channel.</summary>
/// <param name="History">Deliver everything the channel keeps first (a chat room's recent messages).</param>
/// <param name="Info">Display information for the channel's presence, when the application sets none.</param>
public sealed record ChannelJoinOptions(bool History = false, JsonElement? Info = null);
