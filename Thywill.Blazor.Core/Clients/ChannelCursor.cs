using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>
/// Where one client is in one channel. While a channel is being recovered, live events wait in
/// <see cref="Buffer"/> so history and live messages merge without a gap or a repeat.
/// </summary>
internal sealed class ChannelCursor
{
    public string? Epoch;
    public long Offset;
    public bool Recovering = true;
    public List<IClientEvent>? Buffer = [];
    public IAsyncDisposable? Subscription;
}
