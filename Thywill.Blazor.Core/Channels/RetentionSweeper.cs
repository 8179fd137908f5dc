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
    IThywillEngine engine,
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
        foreach (var session in registry.Sessions)
        {
            await RetainAsync(session, retention, cancellationToken).ConfigureAwait(false);
            presence.Retain(session.Client);
        }

        var forgotten = presence.ForgetExpired();
        var closed = await archived.SweepAsync(channelOptions.CurrentValue.IdleRetention, cancellationToken).ConfigureAwait(false);
        if (forgotten + closed > 0)
        {
            Log.Swept(logger, forgotten, closed, archived.OpenCount);
        }
    }

    // A connected client's memberships are the channels its session is subscribed to: written
    // again, not only kept, so that an engine that lost them (Redis restarted empty) has them back
    // within one round. A channel left meanwhile is taken out again.
    private async Task RetainAsync(ClientSession session, TimeSpan retention, CancellationToken cancellationToken)
    {
        var (applicationId, clientId) = (session.Client.ApplicationId, session.Client.ClientId);
        var channels = session.Channels.Where(c => !c.StartsWith('$')).ToArray();
        if (channels.Length == 0)
        {
            await engine.RetainMembershipsAsync(applicationId, clientId, retention, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var channel in channels)
        {
            if (await engine.AddMembershipAsync(applicationId, clientId, channel, retention, cancellationToken).ConfigureAwait(false)
                && !session.Subscriptions.Contains(channel))
            {
                await engine.RemoveMembershipAsync(applicationId, clientId, channel, cancellationToken).ConfigureAwait(false);
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
