using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Presence on this node: who is in a channel with what display info, and the grace period that keeps
/// a client that is only briefly away (a reconnect, a reload, a new circuit) from leaving.
/// </summary>
internal sealed partial class PresenceTracker(
    IPresenceStore presenceStore,
    IMembershipStore membershipStore,
    ChannelRules rules,
    ClientRegistry registry,
    IOptionsMonitor<ChannelOptions> options,
    IOptionsMonitor<ClientOptions> clients,
    TimeProvider time,
    ILogger<PresenceTracker> logger)
{
    /// <summary>How long a disconnected member stays before it is reported as gone.</summary>
    public TimeSpan GracePeriod => options.CurrentValue.PresenceGracePeriod;

    // The info the server set for a client, kept while the client may come back (Clients:AwayRetention).
    private readonly ConcurrentDictionary<(string App, string Client), KeptInfo> _info = new();
    private readonly ConcurrentDictionary<(string App, string Client), CancellationTokenSource> _pendingLeaves = new();

    /// <summary>Puts a session's client in a channel's presence, keeping the info it already had there.</summary>
    public async Task EnterAsync(ClientSession session, ChannelKey key, JsonElement info, CancellationToken cancellationToken)
    {
        var client = session.Client;
        var memberInfo = InfoOf(client) ?? info;
        if (memberInfo.ValueKind == JsonValueKind.Undefined)
        {
            // Keep what the client gave before a reconnect, if it is still present.
            var present = await presenceStore.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
            memberInfo = present.FirstOrDefault(m => m.ClientId == client.ClientId)?.Info ?? default;
        }

        await presenceStore.JoinPresenceAsync(key, new PresenceMember(client.ClientId, client.UserId, memberInfo), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a client's display info and updates it in every presence it is in.</summary>
    public async Task SetInfoAsync(string applicationId, string clientId, JsonElement element, CancellationToken cancellationToken)
    {
        _info[(applicationId, clientId)] = new KeptInfo(element, time.GetUtcNow() + clients.CurrentValue.AwayRetention);
        foreach (var channel in await membershipStore.GetMembershipsAsync(applicationId, clientId, cancellationToken).ConfigureAwait(false))
        {
            var key = new ChannelKey(applicationId, channel);
            var present = await presenceStore.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
            if (present.FirstOrDefault(m => m.ClientId == clientId) is { } member)
            {
                await presenceStore.JoinPresenceAsync(key, member with { Info = element }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How many clients' info is kept (for tests and operators).</summary>
    public int InfoCount => _info.Count;

    /// <summary>Keeps a connected client's info for the away retention from now.</summary>
    public void Retain(ClientInfo client)
    {
        var key = (client.ApplicationId, client.ClientId);
        if (_info.TryGetValue(key, out var kept))
        {
            _info.TryUpdate(key, kept with { ExpiresAt = time.GetUtcNow() + clients.CurrentValue.AwayRetention }, kept);
        }
    }

    /// <summary>Forgets the info of clients gone for longer than the away retention.</summary>
    /// <returns>How many were forgotten.</returns>
    public int ForgetExpired()
    {
        var now = time.GetUtcNow();
        var forgotten = 0;
        foreach (var pair in _info)
        {
            if (pair.Value.ExpiresAt <= now && _info.TryRemove(pair))
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    private JsonElement? InfoOf(ClientInfo client) =>
        _info.TryGetValue((client.ApplicationId, client.ClientId), out var kept) && kept.ExpiresAt > time.GetUtcNow() ? kept.Info : null;

    /// <summary>The client's browser is back on the same circuit: rejoin any presence it left meanwhile.</summary>
    public async Task RestoreAsync(ClientSession session, CancellationToken cancellationToken)
    {
        var client = session.Client;
        CancelPendingLeave(client);
        foreach (var channel in session.Channels)
        {
            var key = new ChannelKey(client.ApplicationId, channel);
            if (!channel.StartsWith('$') && rules.ForServer(key).Presence)
            {
                var present = await presenceStore.GetPresenceAsync(key, cancellationToken).ConfigureAwait(false);
                if (present.All(m => m.ClientId != client.ClientId))
                {
                    var info = InfoOf(client) ?? default;
                    await presenceStore.JoinPresenceAsync(key, new PresenceMember(client.ClientId, client.UserId, info), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The client is away: after the grace period, unless it is back, it leaves every presence.</summary>
    public void ScheduleLeave(ClientInfo client)
    {
        var cts = new CancellationTokenSource();
        var key = (client.ApplicationId, client.ClientId);
        if (_pendingLeaves.TryGetValue(key, out var previous))
        {
            previous.Cancel();
        }

        _pendingLeaves[key] = cts;
        _ = LeaveAfterGraceAsync(client, cts);
    }

    /// <summary>The client is back (a reconnect, a reload, another node): it never left.</summary>
    public void CancelPendingLeave(ClientInfo client)
    {
        if (_pendingLeaves.TryRemove((client.ApplicationId, client.ClientId), out var cts))
        {
            cts.Cancel();
        }
    }

    private async Task LeaveAfterGraceAsync(ClientInfo client, CancellationTokenSource cts)
    {
        try
        {
            await Task.Delay(GracePeriod, time, cts.Token).ConfigureAwait(false);
            if (registry.TryGet(client.ClientId, out var session) && session.Link.IsUp)
            {
                return;
            }

            foreach (var channel in await membershipStore.GetMembershipsAsync(client.ApplicationId, client.ClientId, CancellationToken.None).ConfigureAwait(false))
            {
                await presenceStore.LeavePresenceAsync(new ChannelKey(client.ApplicationId, channel), client.ClientId, CancellationToken.None).ConfigureAwait(false);
            }

            Log.PresenceExpired(logger, client.ApplicationId, client.ClientId);
        }
        catch (OperationCanceledException)
        {
            // Back within the grace period.
        }
        catch (Exception ex)
        {
            Log.PresenceLeaveFailed(logger, ex, client.ApplicationId, client.ClientId);
        }
        finally
        {
            _pendingLeaves.TryRemove(new KeyValuePair<(string, string), CancellationTokenSource>((client.ApplicationId, client.ClientId), cts));
            cts.Dispose();
        }
    }

    private sealed record KeptInfo(JsonElement Info, DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(64, LogLevel.Information, "Client {AppId}/{ClientId} was away past the grace period: left presence")]
        public static partial void PresenceExpired(ILogger logger, string appId, string clientId);

        [LoggerMessage(65, LogLevel.Error, "Presence leave of {AppId}/{ClientId} failed")]
        public static partial void PresenceLeaveFailed(ILogger logger, Exception exception, string appId, string clientId);
    }
}
