using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting;

/// <summary>Warns at start when a production node keeps its key ring only in memory.</summary>
internal sealed partial class KeyRingStartupCheck(IOptions<KeyOptions> keys, IOptions<EngineOptions> engine, IHostEnvironment environment, ILogger<KeyRingStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.Value.StoreFor(engine.Value) == KeyStore.Ephemeral && environment.IsProduction())
        {
            Log.EphemeralInProduction(logger, $"Thywill:{KeyOptions.Section}:{nameof(KeyOptions.Store)}");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The Data Protection key ring is ephemeral ({Key} is Ephemeral): every restart signs every browser out of its session and invalidates all resume tokens")]
        public static partial void EphemeralInProduction(ILogger logger, string key);
    }
}
