using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Storage;

/// <summary>
/// Every <c>Thywill:Database:CleanupInterval</c>, deletes what the database keeps for nobody: clients
/// and sessions last seen longer than <c>Thywill:Database:Retention</c> ago, and archived channels
/// (with their publications) nobody published to for that long and not open on this node. Each
/// bootstrap of an anonymous browser writes a row, each new archived channel name another; without
/// this the database grows for ever. (A channel's archived publications are already bounded by its
/// history size.)
/// </summary>
internal sealed partial class DatabaseCleanup(
    IThywillStore store,
    ArchivedChannels archived,
    IOptionsMonitor<DatabaseOptions> options,
    TimeProvider time,
    ILogger<DatabaseCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.CleanupInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await CleanAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is down: the next round tries again.
                    Log.Failed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round (the timer calls it; tests call it directly).</summary>
    public async Task<DatabaseCleanupResult> CleanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.CurrentValue.Retention;
        var (clients, sessions) = await store.PruneAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var channels = 0;
        foreach (var key in await archived.Archive.ListChannelsCreatedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            channels += await archived.DeleteIfUnusedAsync(key, cutoff, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var result = new DatabaseCleanupResult(clients, sessions, channels);
        if (result != default)
        {
            Log.Cleaned(logger, clients, sessions, channels);
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Information, "Database clean-up deleted {Clients} clients, {Sessions} sessions and {Channels} archived channels")]
        public static partial void Cleaned(ILogger logger, int clients, int sessions, int channels);

        [LoggerMessage(91, LogLevel.Warning, "Database clean-up failed; the next round tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
