using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Components;

/// <summary>
/// Delivery to a JavaScript front end: one <c>thywill._deliver</c> call per batch. While the browser
/// is away a batch waits for it; a batch cut off mid-flight is sent again, and thywill.js drops
/// offsets it already has.
/// </summary>
internal sealed partial class ScriptTransport(IJSRuntime js, CircuitLink link, ClientInfo client, Action<string> close, ILogger logger, CancellationToken lifetime) : IDeliveryTransport
{
    private CancellationTokenSource? _attempt;
    private CancellationToken _attemptDown;

    public async Task DeliverAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        var argument = new ScriptBatch(batch);
        var failures = 0;
        while (true)
        {
            await link.WaitUpAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await js.InvokeVoidAsync("thywill._deliver", AttemptToken(cancellationToken), argument).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && ex is JSDisconnectedException or OperationCanceledException or InvalidOperationException)
            {
                // The connection dropped: wait for it and send again.
            }
            catch (JSException ex) when (++failures < 3)
            {
                Log.DeliveryRetry(logger, ex, client.ApplicationId, client.ClientId);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * failures), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void NotifyGap(long dropped) => _ = NotifyGapAsync(dropped);

    public void Close(string reason) => close(reason);

    // A delivery ends when the pump stops or the connection drops. One linked source serves every
    // delivery while the connection stays up, rather than one per batch (called on the pump only).
    private CancellationToken AttemptToken(CancellationToken pumpToken)
    {
        var down = link.DownToken;
        if (_attempt is null || _attemptDown != down)
        {
            _attempt?.Dispose();
            _attempt = CancellationTokenSource.CreateLinkedTokenSource(pumpToken, down);
            _attemptDown = down;
        }

        return _attempt.Token;
    }

    private async Task NotifyGapAsync(long dropped)
    {
        try
        {
            await js.InvokeVoidAsync("thywill._gap", lifetime, dropped).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            // Best effort: the browser learns of the gap from the recovery event anyway.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(53, LogLevel.Warning, "Delivery to {AppId}/{ClientId} failed in the browser; retrying")]
        public static partial void DeliveryRetry(ILogger logger, Exception exception, string appId, string? clientId);
    }
}
