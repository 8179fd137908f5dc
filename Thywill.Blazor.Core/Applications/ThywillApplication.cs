using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Applications;

/// <summary>
/// A convenient base for <see cref="IThywillApplication"/>: every hook does nothing until overridden.
/// </summary>
public abstract class ThywillApplication : IThywillApplication
{
    /// <inheritdoc />
    public abstract ApplicationDescriptor Descriptor { get; }

    /// <inheritdoc />
    public virtual Task OnConnectedAsync(ClientInfo client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnDisconnectedAsync(ClientInfo client, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask<bool> AuthorizeChannelAsync(ChannelAccessRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.AllowedByRule);
}
