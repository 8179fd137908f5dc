using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Every <c>Thywill:Engine:SweepInterval</c>: keeps what belongs to this node's connected clients
/// (their memberships, their presence info) for the away retention from now, forgets the presence
/// info of clients gone for longer, and closes archived channels idle for longer than
/// <c>Thywill:Channels:IdleRetention</c>. What a client that never returns left behind goes with it.
/// </summary>
internal sealed partial class RetentionSweeper(
    IMembershipStore membershipStore,
    ClientRegistry registry,
    PresenceTracker presence,
    ArchivedChannels archived,
    ChannelOperations operations,
    IOptionsMonitor<EngineOptions> engineOptions,
    IOptionsMonitor<ChannelOptions> channelOptions,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(engineOptions.CurrentValue.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database or the engine is down: the next round tries again.
                    Log.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round (the timer calls it; tests call it directly).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var retention = operations.MembershipRetention;
        foreach (var sessions in registry.Sessions.Chunk(SweepBatch))
        {
            await RetainAsync(sessions, retention, cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions)
            {
                presence.Retain(session.Client);
            }
        }

        var forgotten = presence.ForgetExpired();
        var closed = await archived.SweepAsync(channelOptions.CurrentValue.IdleRetention, cancellationToken).ConfigureAwait(false);
        if (forgotten + closed > 0)
        {
            Log.Swept(logger, forgotten, closed, archived.OpenCount);
        }
    }

    /// <summary>How many clients' memberships one engine call retains.</summary>
    internal const int SweepBatch = 1024;

    // A connected client's memberships are the channels its session is subscribed to: written
    // again, not only kept, so that an engine that lost them (Redis restarted empty) has them back
    // within one round. A channel left meanwhile (added back by this round) is taken out again.
    private async Task RetainAsync(ClientSession[] sessions, TimeSpan retention, CancellationToken cancellationToken)
    {
        var clients = sessions
            .Select(s => new ClientMemberships(s.Client.ApplicationId, s.Client.ClientId, s.Channels.Where(c => !c.StartsWith('$')).ToArray()))
            .ToArray();
        var added = await membershipStore.RetainMembershipsAsync(clients, retention, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sessions.Length; i++)
        {
            foreach (var channel in added[i])
            {
                if (!sessions[i].Subscriptions.Contains(channel))
                {
                    await membershipStore.RemoveMembershipAsync(clients[i].ApplicationId, clients[i].ClientId, channel, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(81, LogLevel.Debug, "Retention sweep forgot the presence info of {Forgotten} clients gone and closed {Closed} idle archived channels ({Open} open)")]
        public static partial void Swept(ILogger logger, int forgotten, int closed, int open);

        [LoggerMessage(82, LogLevel.Warning, "Retention sweep failed; the next round tries again")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
