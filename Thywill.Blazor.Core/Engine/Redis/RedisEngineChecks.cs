using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// Runs the Redis engine's periodic work every <c>Thywill:Engine:Redis:CheckInterval</c>: the
/// presence store's refresh and expiry, the broker's position check, the node's heartbeat.
/// </summary>
internal sealed partial class RedisEngineChecks(IServiceProvider services, Clients.IClientDirectory clients, IOptions<EngineOptions> options, TimeProvider time, ILogger<RedisEngineChecks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != EngineProvider.Redis)
        {
            return;
        }

        var presence = services.GetRequiredService<RedisPresenceStore>();
        var broker = services.GetRequiredService<RedisBroker>();
        var nodes = services.GetRequiredService<RedisNodes>();

        using var timer = new PeriodicTimer(options.Value.Redis.CheckInterval, time);
        var failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await presence.CheckAsync(stoppingToken).ConfigureAwait(false);
                    await broker.CheckAsync(stoppingToken).ConfigureAwait(false);
                    await nodes.BeatAsync(clients.Count).ConfigureAwait(false);
                    if (failing)
                    {
                        Log.Recovered(logger);
                        failing = false;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Never let the loop die (a Redis timeout is not a RedisException, and whatever
                    // else goes wrong once must not stop presence refreshes and gap fills for good).
                    // Logged once per outage: the connection's own events tell the rest.
                    if (!failing)
                    {
                        if (e is RpcException { Code: Clients.ErrorCodes.Unavailable } or StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException)
                        {
                            Log.Failed(logger);
                        }
                        else
                        {
                            Log.FailedUnexpectedly(logger, e);
                        }

                        failing = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(98, LogLevel.Warning, "The Redis engine's checks cannot reach Redis: presence is not refreshed and lost messages are not filled until it is back")]
        public static partial void Failed(ILogger logger);

        [LoggerMessage(100, LogLevel.Error, "The Redis engine's checks failed; trying again at the next interval")]
        public static partial void FailedUnexpectedly(ILogger logger, Exception exception);

        [LoggerMessage(99, LogLevel.Information, "The Redis engine's checks reach Redis again")]
        public static partial void Recovered(ILogger logger);
    }
}
