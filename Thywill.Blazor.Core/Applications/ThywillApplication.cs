using Thywill.Blazor.Channels;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Applications;

/// <summary>
/// A convenient base for <see cref="IThywillApplication"/>: every hook does nothing until overridden.
/// </summary>
public abstract class ThywillApplication : IThywillApplication
{
    private IThywillPush? _push;
    private IThywillChannels? _channels;

    /// <summary>
    /// This application's push: it reaches this application's clients only. Given to the application
    /// when the host builds the application catalog at start-up, so it is there for every hook (not
    /// yet in the constructor).
    /// </summary>
    /// <exception cref="InvalidOperationException">Used before the host has started.</exception>
    public IThywillPush Push => _push ?? throw NotBound();

    /// <summary>
    /// This application's channels: its own channel names and clients only. Given to the application
    /// when the host builds the application catalog at start-up, so it is there for every hook (not
    /// yet in the constructor).
    /// </summary>
    /// <exception cref="InvalidOperationException">Used before the host has started.</exception>
    public IThywillChannels Channels => _channels ?? throw NotBound();

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

    /// <summary>Gives the application its own push and channels; done once, by the catalog.</summary>
    internal void Bind(IThywillServer server)
    {
        var id = Descriptor.Id;
        _push = server.Push(id);
        _channels = server.Channels(id);
    }

    private InvalidOperationException NotBound() =>
        new($"The application '{Descriptor.Id}' has no push or channels yet: they are given when the host starts (use them from the hooks, not the constructor).");
}
