using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Apps.Tabular;

/// <summary>
/// Tabular: on Start the server streams a simulated sensor's readings (<see cref="SensorRow"/>) to the
/// caller's tab only, at a steady rate, until Stop or until the client goes away. The front end
/// (<see cref="TabularPage"/>) shows them in a MudBlazor table and a live line chart.
/// </summary>
/// <remarks>
/// Start and Stop are RPC functions rather than messages: each is a request that wants an answer
/// (did a stream start? was one running?) and a named failure when the client is gone, which a call
/// gives for free and a message would need a reply convention of its own for. The rows themselves
/// are pushes to the client's personal channel: the server speaks when it has something to say.
/// </remarks>
public sealed partial class TabularApplication(TimeProvider time, ILogger<TabularApplication> logger)
    : ThywillApplication, IAsyncDisposable, IDisposable
{
    /// <summary>The application id.</summary>
    public const string Id = "tabular";

    /// <summary>How often a stream sends a row.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(150);

    // One entry per connected client, made in OnConnectedAsync with that connection's lifetime.
    private readonly ConcurrentDictionary<string, ClientStream> _clients = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Tabular")
    {
        Description = "The server streams sensor readings to one tab on Start/Stop, into a MudBlazor table and a live chart.",
        Component = typeof(TabularPage),

        // The init page is not the Host's layout: MudBlazor's style sheet and script come with the app.
        Resources =
        [
            BootstrapResource.Style("_content/MudBlazor/MudBlazor.min.css"),
            BootstrapResource.Script("_content/MudBlazor/MudBlazor.min.js"),
        ],
    };

    /// <summary>How often a stream sends a row; tests shorten it.</summary>
    internal TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>How many streams are running.</summary>
    internal int Running => _clients.Values.Count(c => c.IsRunning);

    /// <inheritdoc />
    public override Task OnConnectedAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // A reloaded tab resumes its client id on a new connection: the old connection's lifetime
        // has ended by now, which stopped its stream, so the new page starts stopped.
        var stream = new ClientStream(client, cancellationToken);
        _clients[client.ClientId] = stream;

        // The safety net behind OnDisconnectedAsync: a connection that ends without that hook
        // (replaced by a newer circuit, or failed after connecting) still stops and is forgotten.
        cancellationToken.Register(static state =>
        {
            var (application, stream) = ((TabularApplication, ClientStream))state!;
            _ = application.EndAsync(stream);
        }, (this, stream));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // Only the connection that ended: a newer connection of the same client keeps its entry.
        if (_clients.TryGetValue(client.ClientId, out var stream) && stream.Lifetime.IsCancellationRequested)
        {
            await EndAsync(stream).ConfigureAwait(false);
        }
    }

    /// <summary>Starts streaming rows to the caller's tab.</summary>
    /// <param name="caller">The caller, stamped by the server.</param>
    /// <returns><see langword="true"/> when a stream started; <see langword="false"/> when one was already running.</returns>
    /// <exception cref="RpcException"><c>disconnected</c>: the caller is no longer connected.</exception>
    [RpcMethod]
    public bool Start(ClientInfo caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!_clients.TryGetValue(caller.ClientId, out var stream) || stream.Lifetime.IsCancellationRequested)
        {
            throw new RpcException(ErrorCodes.Disconnected, "The client is not connected.");
        }

        var started = stream.TryStart(token => RunAsync(caller, token));
        if (started)
        {
            Log.Started(logger, caller.ClientId, Interval.TotalMilliseconds);
        }

        return started;
    }

    /// <summary>Stops the caller's stream; once this returns, no further row is sent.</summary>
    /// <param name="caller">The caller, stamped by the server.</param>
    /// <returns>Whether a stream was running.</returns>
    [RpcMethod]
    public async Task<bool> StopAsync(ClientInfo caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!_clients.TryGetValue(caller.ClientId, out var stream))
        {
            return false;
        }

        return await stream.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops every stream (the server is shutting down).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var stream in _clients.Values)
        {
            await EndAsync(stream).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels every stream without waiting for them (a container disposed synchronously).</summary>
    public void Dispose()
    {
        foreach (var stream in _clients.Values)
        {
            _ = EndAsync(stream);
        }
    }

    private async Task EndAsync(ClientStream stream)
    {
        _clients.TryRemove(new KeyValuePair<string, ClientStream>(stream.Client.ClientId, stream));
        await stream.StopAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        var sensor = new SimulatedSensor(Random.Shared.Next());
        var sent = 0L;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await Push.SendToClientAsync(client.ClientId, sensor.Next(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                sent++;
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped, or the client went away.
            Log.Stopped(logger, client.ClientId, sent);
        }
        catch (Exception ex)
        {
            Log.Failed(logger, ex, client.ClientId, sent);
        }
    }

    /// <summary>One client's connection and its stream, if one is running.</summary>
    private sealed class ClientStream(ClientInfo client, CancellationToken lifetime)
    {
        private readonly Lock _gate = new();
        private CancellationTokenSource? _running;
        private Task _loop = Task.CompletedTask;

        public ClientInfo Client => client;

        /// <summary>The connection's lifetime: cancelled when it ends, which ends the stream too.</summary>
        public CancellationToken Lifetime => lifetime;

        public bool IsRunning
        {
            get
            {
                lock (_gate)
                {
                    return _running is not null && !_loop.IsCompleted;
                }
            }
        }

        public bool TryStart(Func<CancellationToken, Task> run)
        {
            lock (_gate)
            {
                if (_running is not null && !_loop.IsCompleted)
                {
                    return false;
                }

                // A stream that ended by itself (it failed) is replaced.
                _running?.Dispose();
                _running = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
                var token = _running.Token;
                _loop = Task.Run(() => run(token), CancellationToken.None);
                return true;
            }
        }

        /// <summary>Cancels the stream and waits for its last send to finish.</summary>
        /// <returns>Whether a stream had been started.</returns>
        public async Task<bool> StopAsync()
        {
            CancellationTokenSource? running;
            Task loop;
            lock (_gate)
            {
                running = _running;
                loop = _loop;
                _running = null;
            }

            if (running is null)
            {
                return false;
            }

            await running.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            running.Dispose();
            return true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tabular stream started for {ClientId} (a row every {IntervalMs} ms)")]
        public static partial void Started(ILogger logger, string clientId, double intervalMs);

        [LoggerMessage(2, LogLevel.Information, "Tabular stream stopped for {ClientId} after {Rows} rows")]
        public static partial void Stopped(ILogger logger, string clientId, long rows);

        [LoggerMessage(3, LogLevel.Error, "Tabular stream for {ClientId} failed after {Rows} rows")]
        public static partial void Failed(ILogger logger, Exception exception, string clientId, long rows);
    }
}
