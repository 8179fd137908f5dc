using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// On shutdown, begins the drain and keeps the node serving for <c>Thywill:Drain:Delay</c> before the
/// rest stops. It waits in the host's "stopping" phase, before any hosted service — the web server
/// included — is stopped: while it waits, <c>/health/ready</c> answers 503, new page loads and
/// clients are refused, and the circuits already open go on working.
/// </summary>
internal sealed partial class DrainOnShutdown(NodeDrain drain, IOptions<DrainOptions> options, TimeProvider time, ILogger<DrainOnShutdown> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!drain.Begin())
        {
            return;
        }

        var delay = options.Value.Delay;
        Log.Draining(logger, delay);
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout came first: stop now.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(92, LogLevel.Information, "Draining: not ready, refusing new clients, stopping in {Delay}")]
        public static partial void Draining(ILogger logger, TimeSpan delay);
    }
}
