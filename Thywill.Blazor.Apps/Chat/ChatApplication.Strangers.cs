using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat.Protocol;
using Thywill.Blazor.Apps.Chat.Server;

namespace Thywill.Blazor.Apps.Chat;

// "Talk to a stranger": the server pairs two waiting tabs in a private channel it joins them to,
// and removes both when either leaves, kicks, or is gone past the presence grace period.
public sealed partial class ChatApplication
{
    private StrangerEvent StrangerStateOf(string clientId) =>
        _strangers.PairOf(clientId) is { } pair ? new StrangerEvent(StrangerStates.Paired, pair.Channel)
        : _strangers.IsWaiting(clientId) ? new StrangerEvent(StrangerStates.Waiting)
        : new StrangerEvent(StrangerStates.Idle);

    private async Task FindStrangerAsync(ClientInfo sender)
    {
        StrangerPair? pair;
        try
        {
            pair = _strangers.Request(sender);
        }
        catch (InvalidOperationException ex)
        {
            throw new MessageRejectedException(ex.Message);
        }

        // The matcher has decided: what follows runs to the end even if the sender goes away.
        if (pair is null)
        {
            await Push.SendToClientAsync(sender.ClientId, new StrangerEvent(StrangerStates.Waiting), CancellationToken.None);
            return;
        }

        foreach (var client in pair.Both)
        {
            await Channels.JoinAsync(client.ClientId, pair.Channel, CancellationToken.None);
        }

        foreach (var client in pair.Both)
        {
            await Push.SendToClientAsync(client.ClientId, new StrangerEvent(StrangerStates.Paired, pair.Channel), CancellationToken.None);
        }

        Log.Paired(_logger, pair.First.ClientId, pair.Second.ClientId, pair.Channel);
    }

    private async Task LeaveStrangerAsync(ClientInfo sender)
    {
        if (_strangers.CancelWaiting(sender.ClientId))
        {
            await Push.SendToClientAsync(sender.ClientId, new StrangerEvent(StrangerStates.Idle, Reason: StrangerReasons.YouLeft), CancellationToken.None);
            return;
        }

        var pair = _strangers.EndPair(sender.ClientId)
            ?? throw new MessageRejectedException("You are not waiting for or talking to a stranger.");
        await EndPairAsync(pair, sender.ClientId, StrangerReasons.YouLeft, StrangerReasons.Left);
    }

    private async Task KickStrangerAsync(ClientInfo sender)
    {
        var pair = _strangers.EndPair(sender.ClientId)
            ?? throw new MessageRejectedException("You are not talking to a stranger.");
        await EndPairAsync(pair, sender.ClientId, StrangerReasons.YouKicked, StrangerReasons.Kicked);

        // The one who kicked looks for someone else at once; the one kicked does not come back to them.
        await FindStrangerAsync(sender);
    }

    // Both leave the channel (the server's LeaveAsync), then each hears why it ended.
    private async Task EndPairAsync(StrangerPair pair, string endedBy, string reasonForEnder, string reasonForPartner)
    {
        foreach (var client in pair.Both)
        {
            await Channels.LeaveAsync(client.ClientId, pair.Channel, CancellationToken.None);
        }

        foreach (var client in pair.Both)
        {
            var reason = client.ClientId == endedBy ? reasonForEnder : reasonForPartner;
            await Push.SendToClientAsync(client.ClientId, new StrangerEvent(StrangerStates.Idle, pair.Channel, reason), CancellationToken.None);
        }

        Log.PairEnded(_logger, pair.Channel, endedBy, reasonForPartner);
    }

    // A closed tab may be a reload or a blip: the pair ends only if it stays away past the grace period.
    private void SchedulePairEnd(ClientInfo client, StrangerPair pair)
    {
        var cts = new CancellationTokenSource();
        if (_pendingPairEnds.TryGetValue(client.ClientId, out var previous))
        {
            previous.Cancel();
        }

        _pendingPairEnds[client.ClientId] = cts;
        _ = EndPairAfterGraceAsync(client, pair, cts);
    }

    private void CancelPendingPairEnd(string clientId)
    {
        if (_pendingPairEnds.TryRemove(clientId, out var cts))
        {
            cts.Cancel();
        }
    }

    private async Task EndPairAfterGraceAsync(ClientInfo client, StrangerPair pair, CancellationTokenSource cts)
    {
        try
        {
            await Task.Delay(Channels.PresenceGracePeriod, _time, cts.Token);
            if (_strangers.EndPair(pair))
            {
                await EndPairAsync(pair, client.ClientId, StrangerReasons.YouLeft, StrangerReasons.Gone);
            }
        }
        catch (OperationCanceledException)
        {
            // Back within the grace period.
        }
        catch (Exception ex)
        {
            Log.PairEndFailed(_logger, ex, pair.Channel);
        }
        finally
        {
            _pendingPairEnds.TryRemove(new KeyValuePair<string, CancellationTokenSource>(client.ClientId, cts));
            cts.Dispose();
        }
    }
}
