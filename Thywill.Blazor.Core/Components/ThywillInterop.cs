using System.Text.Json;
using Microsoft.JSInterop;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Components;

/// <summary>
/// The only .NET methods thywill.js may call. Kept apart from the component so that the browser
/// reaches nothing else; each maps to one of the session's operations, and everything the browser
/// sends is checked there.
/// </summary>
internal sealed class ThywillInterop
{
    private static readonly Task<SendResult> NotReady =
        Task.FromResult(SendResult.Refused(ErrorCodes.NotReady, "The bootstrap has not completed."));

    private readonly ThywillClientRoot _root;

    internal ThywillInterop(ThywillClientRoot root) => _root = root;

    /// <summary>A message from the page to the application.</summary>
    /// <param name="data">Any JSON value.</param>
    /// <returns>The acknowledgement or refusal.</returns>
    [JSInvokable("Send")]
    public Task<SendResult> SendAsync(JsonElement data) =>
        _root.Session is { } session ? session.SendAsync(data, session.Lifetime) : NotReady;

    /// <summary>Joins a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="options"><c>{ history, info, position }</c>.</param>
    /// <returns>The position in the channel and its presence, or a refusal.</returns>
    [JSInvokable("Join")]
    public Task<SendResult> JoinAsync(string channel, ChannelJoinOptions? options) =>
        _root.Session is { } session ? session.JoinAsync(channel, options, session.Lifetime) : NotReady;

    /// <summary>Leaves a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <returns>The acknowledgement or refusal.</returns>
    [JSInvokable("Leave")]
    public Task<SendResult> LeaveAsync(string channel) =>
        _root.Session is { } session ? session.LeaveAsync(channel, session.Lifetime) : NotReady;

    /// <summary>Publishes to a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="data">Any JSON value.</param>
    /// <param name="options"><c>{ excludeSelf }</c>.</param>
    /// <returns>The publication's offset, or a refusal.</returns>
    [JSInvokable("Publish")]
    public Task<SendResult> PublishAsync(string channel, JsonElement data, ChannelPublishOptions? options) =>
        _root.Session is { } session ? session.PublishAsync(channel, data, options?.ExcludeSelf == true, session.Lifetime) : NotReady;

    /// <summary>Calls one of the application's RPC functions.</summary>
    /// <param name="name">The function.</param>
    /// <param name="args">The arguments, as a JSON array.</param>
    /// <returns>The result, or a named error.</returns>
    [JSInvokable("Call")]
    public Task<RpcResult> CallAsync(string name, JsonElement args) =>
        _root.Session is { } session
            ? session.CallAsync(name, args)
            : Task.FromResult(RpcResult.Failure(ErrorCodes.NotReady, "The bootstrap has not completed."));

    /// <summary>An error in the page, for the server log.</summary>
    /// <param name="report">The error.</param>
    [JSInvokable("ReportError")]
    public void ReportError(BrowserErrorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _root.ReportError(report);
    }
}
