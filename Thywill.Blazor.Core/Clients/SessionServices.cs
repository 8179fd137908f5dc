using Microsoft.Extensions.Options;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Clients;

/// <summary>The node's services every <see cref="ClientSession"/> works with.</summary>
internal sealed record SessionServices(
    IChannelBroker Broker,
    ChannelHistoryReader History,
    ChannelOperations Channels,
    RpcDispatcher Rpc,
    MessageLimit MessageLimit,
    TimeProvider Time,
    IOptionsMonitor<PushOptions> Push,
    IOptionsMonitor<MessageOptions> Messages,
    IOptionsMonitor<RpcOptions> RpcLimits,
    IOptionsMonitor<RateLimitOptions> RateLimits,
    ThywillMetrics Metrics)
{
    /// <summary>The limits for a session made now.</summary>
    public SessionLimits CurrentLimits() => new(Push.CurrentValue, Messages.CurrentValue, RpcLimits.CurrentValue, RateLimits.CurrentValue);
}
