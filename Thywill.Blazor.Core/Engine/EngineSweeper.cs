using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Engine;

/// <summary>Runs the in-memory engine's sweep every <c>Thywill:Engine:SweepInterval</c>.</summary>
internal sealed partial class EngineSweeper(IThywillEngine engine, IOptionsMonitor<EngineOptions> options, TimeProvider time, ILogger<EngineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engine is not InMemoryEngine memory)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CurrentValue.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
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
