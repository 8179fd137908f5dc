using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Clients;

/// <summary>The node's services every <see cref="ClientSession"/> works with.</summary>
internal sealed record SessionServices(
    IThywillEngine Engine,
    ChannelHistoryReader History,
    ChannelOperations Channels,
    RpcDispatcher Rpc,
    MessageLimit MessageLimit,
    TimeProvider Time);
