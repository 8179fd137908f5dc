using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// What the Redis broker, presence store, membership store and node list share: the connection,
/// the key names, the clock, and one way to call Redis — a failure becomes the framework's coded
/// error (<see cref="ErrorCodes.Unavailable"/>), so callers tell the browser, and every call is
/// timed by operation.
/// </summary>
internal sealed partial class RedisCalls
{
    private readonly TimeProvider _time;
    private readonly ILogger<RedisCalls> _logger;
    private readonly Diagnostics.ThywillMetrics? _metrics;

    public RedisCalls(RedisConnection connection, IOptions<EngineOptions> options, TimeProvider time, ILogger<RedisCalls> logger, Diagnostics.ThywillMetrics? metrics = null)
    {
        Connection = connection;
        Options = options.Value.Redis;
        Keys = new RedisKeys(connection.Prefix);
        _time = time;
        _logger = logger;
        _metrics = metrics;
        metrics?.Meter.CreateObservableCounter(
            "thywill.engine.redis.operations",
            () => connection.OperationsSent,
            "{operation}",
            "Operations this node sent to Redis: commands and script calls, pub/sub included (not what a script runs inside Redis).");
    }

    /// <summary>The node's connection.</summary>
    public RedisConnection Connection { get; }

    /// <summary><c>Thywill:Engine:Redis</c>.</summary>
    public RedisEngineOptions Options { get; }

    /// <summary>The key names.</summary>
    public RedisKeys Keys { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>Now, in Unix milliseconds (what every script is given).</summary>
    public long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary><c>Thywill:Engine:Redis:ChannelTtl</c> in milliseconds.</summary>
    public long ChannelTtl => Milliseconds(Options.ChannelTtl);

    /// <summary>The operations this node has sent to Redis (<see cref="RedisConnection.OperationsSent"/>).</summary>
    public long OperationsSent => Connection.OperationsSent;

    /// <summary>A span in whole milliseconds, capped where Lua's doubles stay exact.</summary>
    public static long Milliseconds(TimeSpan span) => (long)Math.Min(span.TotalMilliseconds, 1e15);

    /// <summary>Runs a command on the database; a Redis failure becomes <see cref="ErrorCodes.Unavailable"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="operation">Its name, for the log and the metric.</param>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, string operation)
    {
        var multiplexer = await Connection.GetAsync().ConfigureAwait(false);
        return await Guard(() => command(multiplexer.GetDatabase()), operation).ConfigureAwait(false);
    }

    /// <summary>Runs a command already bound to a database; a Redis failure becomes <see cref="ErrorCodes.Unavailable"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="operation">Its name, for the log and the metric.</param>
    public async Task<T> Guard<T>(Func<Task<T>> command, string operation)
    {
        var started = _time.GetTimestamp();
        var failed = true;
        try
        {
            var result = await command().ConfigureAwait(false);
            failed = false;
            return result;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Log.Unavailable(_logger, operation, e.Message);
            throw new RpcException(ErrorCodes.Unavailable, "The engine's Redis is unavailable; nothing was done.");
        }
        finally
        {
            _metrics?.EngineCalled(operation, failed, _time.GetElapsedTime(started));
        }
    }

    /// <summary>Whether Redis answers a PING within the command timeout, and how fast: for the readiness check.</summary>
    public async Task<TimeSpan> PingAsync() =>
        await RunAsync(database => database.PingAsync(), "ping").ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(97, LogLevel.Debug, "Engine {Operation} failed: Redis is unavailable ({Reason})")]
        public static partial void Unavailable(ILogger logger, string operation, string reason);
    }
}
