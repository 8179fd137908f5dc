using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Push;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Clients;

// The five browser operations, for both front ends: thywill.js reaches them through ThywillInterop,
// Razor components through IThywillClient. Each answers with a result, never an exception.
internal sealed partial class ClientSession
{
    private SemaphoreSlim? _receiveGate;
    private int _callsRunning;

    /// <summary>Hands a client's message to its application; the answer goes back to the browser.</summary>
    public async Task<SendResult> SendAsync(JsonElement data, CancellationToken cancellationToken) =>
        Counted("send", await SendCoreAsync(data, cancellationToken).ConfigureAwait(false));

    /// <summary>Joins a channel (rules and the application's hook apply).</summary>
    public async Task<SendResult> JoinAsync(string? channel, ChannelJoinOptions? options, CancellationToken cancellationToken) =>
        Counted("join", Budgets.TryJoinOrLeave()
            ? await Guarded(() => _services.Channels.JoinAsync(this, channel ?? "", from: null, options?.History == true, options?.Info ?? default, cancellationToken)).ConfigureAwait(false)
            : RateLimited("join"));

    /// <summary>Leaves a channel.</summary>
    public async Task<SendResult> LeaveAsync(string? channel, CancellationToken cancellationToken) =>
        Counted("leave", Budgets.TryJoinOrLeave()
            ? await Guarded(() => _services.Channels.LeaveAsync(this, channel ?? "", cancellationToken)).ConfigureAwait(false)
            : RateLimited("leave"));

    /// <summary>Publishes to a channel this client is a member of.</summary>
    public async Task<SendResult> PublishAsync(string? channel, JsonElement data, bool excludeSelf, CancellationToken cancellationToken) =>
        Counted("publish", await Guarded(() => PublishCoreAsync(channel, data, excludeSelf, cancellationToken)).ConfigureAwait(false));

    /// <summary>Runs one of the application's RPC functions for this client; bounded per client.</summary>
    public async Task<RpcResult> CallAsync(string? name, JsonElement args)
    {
        var result = await CallCoreAsync(name, args).ConfigureAwait(false);
        if (!result.Ok)
        {
            _services.Metrics.Refused(Client.ApplicationId, "call", result.Code);
        }

        return result;
    }

    // The engine's own failures (Redis away: unavailable) are coded; they reach the browser as a
    // refusal with that code, not as a failed interop call it would take for a lost connection.
    private async Task<SendResult> Guarded(Func<Task<SendResult>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return SendResult.Refused(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return SendResult.Refused(ErrorCodes.Disconnected, "The client disconnected.");
        }
    }

    private SendResult Counted(string operation, SendResult result)
    {
        if (!result.Ok)
        {
            _services.Metrics.Refused(Client.ApplicationId, operation, result.Code);
        }

        return result;
    }

    private async Task<SendResult> SendCoreAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return SendResult.Refused(ErrorCodes.Disconnected, "The client is disconnected.");
        }

        if (data.ValueKind == JsonValueKind.Undefined)
        {
            return SendResult.Refused(ErrorCodes.Invalid, "A message must be a JSON value.");
        }

        if (_services.MessageLimit.Check(data, out var size) is { } tooLarge)
        {
            Log.MessageTooLarge(Logger, Client.ApplicationId, Client.ClientId, size, _services.MessageLimit.Bytes);
            return tooLarge;
        }

        if (!Budgets.TrySend() || !Budgets.TryBytes(size))
        {
            return RateLimited("send");
        }

        var message = new ClientMessage(IdGenerator.NewId(), Client, data.Clone(), _services.Time.GetUtcNow());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Lifetime);

        // One message at a time per client: the application sees a client's messages in send order.
        var gate = LazyInitializer.EnsureInitialized(ref _receiveGate, static () => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await Application.OnMessageAsync(message, linked.Token).ConfigureAwait(false);
            Log.MessageAccepted(Logger, Client.ApplicationId, Client.ClientId, message.Id, size);
            return SendResult.Accepted(message.Id);
        }
        catch (MessageRejectedException ex)
        {
            Log.MessageRejected(Logger, Client.ApplicationId, Client.ClientId, ex.Message);
            return SendResult.Refused(ErrorCodes.Rejected, ex.Message);
        }
        catch (MessageTooLargeException ex)
        {
            // The application tried to push something over the limit in reply.
            Log.ApplicationFailed(Logger, ex, Client.ApplicationId, Client.ClientId);
            return SendResult.Refused(ErrorCodes.Rejected, "The application could not process the message.");
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return SendResult.Refused(ErrorCodes.Disconnected, "The client disconnected.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Details stay in the log; the browser gets a safe reason.
            Log.ApplicationFailed(Logger, ex, Client.ApplicationId, Client.ClientId);
            return SendResult.Refused(ErrorCodes.Rejected, "The application could not process the message.");
        }
        finally
        {
            gate.Release();
        }
    }

    private Task<SendResult> PublishCoreAsync(string? channel, JsonElement data, bool excludeSelf, CancellationToken cancellationToken)
    {
        if (data.ValueKind != JsonValueKind.Undefined && _services.MessageLimit.Check(data, out var size) is null)
        {
            // Within the message limit it draws its bytes too; one over it is refused as too large.
            if (!Budgets.TryPublish() || !Budgets.TryBytes(size))
            {
                return Task.FromResult(RateLimited("publish"));
            }
        }
        else if (!Budgets.TryPublish())
        {
            return Task.FromResult(RateLimited("publish"));
        }

        return _services.Channels.PublishAsync(this, channel ?? "", data, excludeSelf, cancellationToken);
    }

    private async Task<RpcResult> CallCoreAsync(string? name, JsonElement args)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return RpcResult.Failure(ErrorCodes.Disconnected, "The client is disconnected.");
        }

        // The arguments are a message like any other: thywill.js measures them, a hostile page may not.
        if (_services.MessageLimit.Check(args, out _) is { } tooLarge)
        {
            return RpcResult.Failure(tooLarge.Code!, tooLarge.Message!);
        }

        if (!Budgets.TryCall())
        {
            return RpcResult.Failure(ErrorCodes.RateLimited, RefuseOverBudget("call"));
        }

        if (Interlocked.Increment(ref _callsRunning) > Limits.Rpc.MaxConcurrentCallsPerClient)
        {
            Interlocked.Decrement(ref _callsRunning);
            return RpcResult.Failure(ErrorCodes.RateLimited, "Too many calls at once; wait for some to finish.");
        }

        try
        {
            return await _services.Rpc.CallAsync(Application, Client, name, args, Lifetime).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _callsRunning);
        }
    }

    private SendResult RateLimited(string operation) =>
        SendResult.Refused(ErrorCodes.RateLimited, RefuseOverBudget(operation));

    // Over budget: answered at once, nothing else done; the log hears of it at most every few seconds.
    private string RefuseOverBudget(string operation)
    {
        if (Budgets.CountRefusal() is var refused and > 0)
        {
            Log.RateLimited(Logger, Client.ApplicationId, Client.ClientId, operation, refused);
        }

        return $"Too many operations ({operation}); slow down.";
    }
}
