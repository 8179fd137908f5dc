using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// On shutdown, begins the drain and keeps the node serving for <c>Thywill:Drain:Delay</c> before the
/// rest stops. It waits in the host's "stopping" phase, before any hosted service — the web server
/// included — is stopped: while it waits, <c>/health/ready</c> answers 503, new page loads and
/// clients are refused, and the circuits already open go on working; halfway through, their pages
/// are asked to reload, so that they resume on another node before this one stops.
/// </summary>
internal sealed partial class DrainOnShutdown(NodeDrain drain, ClientRegistry clients, IOptions<DrainOptions> options, TimeProvider time, ILogger<DrainOnShutdown> logger) : IHostedLifecycleService
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

        // No delay, no drain: nothing waits for the pages to move, so they are not asked to.
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // The first half lets the balancer see the node is not ready; in the second, the open pages
        // are asked to reload (spread out), and land on other nodes where they resume. When the
        // host's shutdown timeout cuts the wait short, they are still asked: better now than never.
        await WaitAsync(delay / 2, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        foreach (var session in clients.Sessions)
        {
            session.Move(delay / 2 * 0.8);
            moved++;
        }

        Log.Moving(logger, moved);
        await WaitAsync(delay - delay / 2, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout came first: go on now.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(92, LogLevel.Information, "Draining: not ready, refusing new clients, stopping in {Delay}")]
        public static partial void Draining(ILogger logger, TimeSpan delay);

        [LoggerMessage(93, LogLevel.Information, "Draining: asked {Count} clients to move to another node")]
        public static partial void Moving(ILogger logger, int count);
    }
}
