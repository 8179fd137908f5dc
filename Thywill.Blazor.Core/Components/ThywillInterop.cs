using System.Text.Json;
using Microsoft.JSInterop;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Components;

/// <summary>
/// The only .NET methods thywill.js may call. Kept apart from the component so that the browser
/// reaches nothing else; each maps to one of the session's operations, and everything the browser
/// sends is checked there. Every parameter is a <see cref="JsonElement"/>: a page may send any JSON,
/// and a wrong type is answered with a named error (<see cref="InteropArguments"/>), not an exception.
/// </summary>
internal sealed class ThywillInterop
{
    private static readonly Task<SendResult> NotReady =
        Task.FromResult(SendResult.Refused(ErrorCodes.NotReady, "The bootstrap has not completed."));

    private static readonly SendResult Reported = new() { Ok = true };

    private readonly ThywillClientRoot _root;

    internal ThywillInterop(ThywillClientRoot root) => _root = root;

    /// <summary>A message from the page to the application.</summary>
    /// <param name="data">Any JSON value.</param>
    /// <returns>The acknowledgement or refusal.</returns>
    [JSInvokable("Send")]
    public Task<SendResult> SendAsync(JsonElement data)
    {
        if (_root.Session is not { } session)
        {
            return NotReady;
        }

        return InteropArguments.IsText(data) ? session.SendAsync(data, session.Lifetime) : Task.FromResult(InteropArguments.InvalidData);
    }

    /// <summary>Joins a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="options"><c>{ history, info }</c>, or null.</param>
    /// <returns>The position in the channel and its presence, or a refusal.</returns>
    [JSInvokable("Join")]
    public Task<SendResult> JoinAsync(JsonElement channel, JsonElement options)
    {
        if (_root.Session is not { } session)
        {
            return NotReady;
        }

        return InteropArguments.TryJoinOptions(options, out var join)
            ? session.JoinAsync(InteropArguments.Text(channel), join, session.Lifetime)
            : Task.FromResult(InteropArguments.InvalidOptions);
    }

    /// <summary>Leaves a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <returns>The acknowledgement or refusal.</returns>
    [JSInvokable("Leave")]
    public Task<SendResult> LeaveAsync(JsonElement channel) =>
        _root.Session is { } session ? session.LeaveAsync(InteropArguments.Text(channel), session.Lifetime) : NotReady;

    /// <summary>Publishes to a channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="data">Any JSON value.</param>
    /// <param name="options"><c>{ excludeSelf }</c>, or null.</param>
    /// <returns>The publication's offset, or a refusal.</returns>
    [JSInvokable("Publish")]
    public Task<SendResult> PublishAsync(JsonElement channel, JsonElement data, JsonElement options)
    {
        if (_root.Session is not { } session)
        {
            return NotReady;
        }

        if (!InteropArguments.TryPublishOptions(options, out var excludeSelf))
        {
            return Task.FromResult(InteropArguments.InvalidOptions);
        }

        return InteropArguments.IsText(data)
            ? session.PublishAsync(InteropArguments.Text(channel), data, excludeSelf, session.Lifetime)
            : Task.FromResult(InteropArguments.InvalidData);
    }

    /// <summary>Calls one of the application's RPC functions.</summary>
    /// <param name="name">The function.</param>
    /// <param name="args">The arguments, as a JSON array.</param>
    /// <returns>The result, or a named error.</returns>
    [JSInvokable("Call")]
    public Task<RpcResult> CallAsync(JsonElement name, JsonElement args)
    {
        if (_root.Session is not { } session)
        {
            return Task.FromResult(RpcResult.Failure(ErrorCodes.NotReady, "The bootstrap has not completed."));
        }

        return InteropArguments.IsText(args)
            ? session.CallAsync(InteropArguments.Text(name), args)
            : Task.FromResult(RpcResult.Failure(ErrorCodes.InvalidArgument, InteropArguments.InvalidData.Message!));
    }

    /// <summary>An error in the page, for the server log.</summary>
    /// <param name="report">The error: <c>{ kind, message, source, line, column, stack }</c>.</param>
    /// <returns>Accepted, or <c>invalid</c> when it is not an object.</returns>
    [JSInvokable("ReportError")]
    public SendResult ReportError(JsonElement report)
    {
        if (InteropArguments.Report(report) is not { } read)
        {
            return InteropArguments.InvalidReport;
        }

        _root.ReportError(read);
        return Reported;
    }
}
