using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Engine.InMemory;

/// <summary>
/// Runs the in-memory broker's and membership store's sweeps every <c>Thywill:Engine:SweepInterval</c>
/// (nothing under the Redis engine, whose keys expire by themselves).
/// </summary>
internal sealed partial class InMemorySweeper(IChannelBroker broker, IMembershipStore memberships, IOptionsMonitor<EngineOptions> options, TimeProvider time, ILogger<InMemorySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (broker is not InMemoryBroker memory)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CurrentValue.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                (memberships as InMemoryMembershipStore)?.Sweep();
                var removed = memory.Sweep();
                if (removed > 0)
                {
                    Log.Swept(logger, removed, memory.ChannelCount);
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
        [LoggerMessage(80, LogLevel.Debug, "Engine sweep forgot {Removed} unused channels ({Remaining} left)")]
        public static partial void Swept(ILogger logger, int removed, int remaining);
    }
}
