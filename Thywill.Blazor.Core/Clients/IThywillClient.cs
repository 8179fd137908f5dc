using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The C# client API for Razor front ends: the same client a JavaScript front end reaches through
/// <c>thywill.js</c>. The client root cascades it to the application's component once the
/// bootstrap completes; declare <c>[CascadingParameter] public IThywillClient Thywill { get; set; }</c>.
/// </summary>
public interface IThywillClient
{
    /// <summary>Who this client is.</summary>
    ClientInfo Client { get; }

    /// <summary>The client configuration (<c>thywill.config</c> in JavaScript).</summary>
    ClientConfiguration Configuration { get; }

    /// <summary>Sends a message to the application; completes with its acceptance or refusal.</summary>
    /// <param name="data">Any value that serialises to JSON.</param>
    /// <param name="cancellationToken">Abandons the wait (the message may still be processed).</param>
    Task<SendResult> SendAsync(object? data, CancellationToken cancellationToken = default);

    /// <summary>Joins a channel, as the browser's <c>thywill.join</c> does (rules and the application's hook apply).</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="options">History, presence info, a position to recover from.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Leaves a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<SendResult> LeaveAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Publishes to a channel this client is a member of.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="data">Any value that serialises to JSON.</param>
    /// <param name="options">Whether to leave the publisher out.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    Task<SendResult> PublishAsync(string channel, object? data, ChannelPublishOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Calls one of the application's RPC functions, as the browser's <c>thywill.call</c> does.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="name">The function.</param>
    /// <param name="args">Its arguments, by position.</param>
    /// <returns>The result.</returns>
    /// <exception cref="Rpc.RpcException">The call failed; <see cref="Rpc.RpcException.Code"/> says why.</exception>
    Task<T?> CallAsync<T>(string name, params object?[] args);

    /// <summary>
    /// Registers a handler for messages pushed to this client. Handlers run on the circuit's
    /// dispatcher, a batch at a time, and the component re-renders once per batch.
    /// </summary>
    /// <param name="handler">Receives each message in order.</param>
    /// <returns>Disposing it removes the handler.</returns>
    IDisposable OnMessage(Func<Publication, Task> handler);

    /// <summary>Registers a handler for presence changes in this client's channels (same rules as <see cref="OnMessage"/>).</summary>
    /// <param name="handler">Receives each change.</param>
    /// <returns>Disposing it removes the handler.</returns>
    IDisposable OnPresence(Func<PresenceEvent, Task> handler);

    /// <summary>
    /// Registers a handler for the outcome of recovering a channel (after a reload, a catch-up, or a
    /// channel resumed with its history): <see cref="RecoveryEvent.Recovered"/> is
    /// <see langword="false"/> when part of what the page needed is gone (past the retention), so the
    /// component should say so or rebuild its state another way. Same rules as <see cref="OnMessage"/>;
    /// it arrives after the messages it reports on.
    /// </summary>
    /// <param name="handler">Receives each outcome.</param>
    /// <returns>Disposing it removes the handler.</returns>
    IDisposable OnRecovery(Func<RecoveryEvent, Task> handler);

    /// <summary>
    /// Registers a handler told when messages could not be queued because this client fell behind
    /// (the <c>Drop</c> outbox policy). They are not lost: the channels catch up from history, in
    /// order, and a recovery event follows. The argument counts the messages dropped so far.
    /// </summary>
    /// <param name="handler">Receives the count.</param>
    /// <returns>Disposing it removes the handler.</returns>
    IDisposable OnGap(Func<long, Task> handler);
}
