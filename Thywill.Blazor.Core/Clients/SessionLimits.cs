using Thywill.Blazor.Hosting;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The limits a <see cref="ClientSession"/> lives by, read from the options when it is made: a
/// configuration change reaches new sessions, never one half-way through its life.
/// </summary>
internal sealed record SessionLimits(PushOptions Push, MessageOptions Messages, RpcOptions Rpc, RateLimitOptions RateLimits)
{
    /// <summary>The defaults of every option.</summary>
    public SessionLimits()
        : this(new PushOptions(), new MessageOptions(), new RpcOptions(), new RateLimitOptions())
    {
    }
}
