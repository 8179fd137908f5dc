using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Applications;

/// <summary>
/// The server side of a Thywill application (the seed's application interface): it is handed the
/// messages clients send and decides what to push back through <see cref="Push.IThywillPush"/>.
/// </summary>
/// <remarks>
/// One instance serves every client of the application, on many circuits at once: keep it
/// thread-safe. Hooks run on the sending client's circuit; a slow hook delays only that client.
/// </remarks>
public interface IThywillApplication
{
    /// <summary>Describes the application: its id, name and front end.</summary>
    ApplicationDescriptor Descriptor { get; }

    /// <summary>A client finished its bootstrap, fresh or resumed.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    Task OnConnectedAsync(ClientInfo client, CancellationToken cancellationToken);

    /// <summary>A client's circuit closed.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancelled when the server shuts down.</param>
    Task OnDisconnectedAsync(ClientInfo client, CancellationToken cancellationToken);

    /// <summary>
    /// A client sent a message. Returning accepts it (the browser's <c>onConfirm</c>); throwing
    /// <see cref="MessageRejectedException"/> refuses it with a reason the browser sees.
    /// </summary>
    /// <param name="message">The message, its sender stamped by the server.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Decides whether a client may join or publish to a channel. The configured rule
    /// (<c>Thywill:Applications:{app}:Channels</c>) is the default answer
    /// (<see cref="ChannelAccessRequest.AllowedByRule"/>); override to refine it. A refusal reaches
    /// the browser as <c>no-permission</c> (or <c>not-found</c> when no rule matches) and changes nothing.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<bool> AuthorizeChannelAsync(ChannelAccessRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.AllowedByRule);
}
