using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The node's one connection to Redis (StackExchange.Redis multiplexes every command and
/// subscription over it), shared by the engine and the key ring. Connects on first use and then
/// reconnects by itself; while Redis is away, commands fail and the engine reports <c>unavailable</c>.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connect;
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(IOptions<EngineOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var redis = options.Value.Redis;
        Prefix = redis.Prefix;
        var configuration = ConfigurationOptions.Parse(redis.Configuration ?? "");

        // Never give up connecting: a node started before Redis, or across a Redis restart, must
        // come back by itself.
        configuration.AbortOnConnectFail = false;
        var timeout = (int)Math.Clamp(redis.CommandTimeout.TotalMilliseconds, 1, int.MaxValue);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectTimeout = timeout;
        configuration.ClientName ??= "thywill";
        _connect = new Lazy<Task<IConnectionMultiplexer>>(() => ConnectAsync(configuration));
    }

    /// <summary>The prefix of every key and pub/sub channel (<c>Thywill:Engine:Redis:Prefix</c>).</summary>
    public string Prefix { get; }

    /// <summary>The multiplexer, connecting on first use.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    /// <summary>
    /// The operations this node has sent to Redis — commands and script calls, pub/sub included, not
    /// what a script runs inside Redis — or 0 before it connected.
    /// </summary>
    public long OperationsSent
    {
        get
        {
            if (!_connect.IsValueCreated || !_connect.Value.IsCompletedSuccessfully)
            {
                return 0;
            }

            var counters = _connect.Value.Result.GetCounters();
            return counters.Interactive.OperationCount + counters.Subscription.OperationCount;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connect.IsValueCreated && _connect.Value.IsCompletedSuccessfully)
        {
            await _connect.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(e.EndPoint?.ToString(), e.FailureType, e.Exception?.Message);
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint?.ToString());
        return multiplexer;
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Lost Redis at {Endpoint} ({FailureType}): {Reason}; reconnecting")]
    private partial void LogConnectionFailed(string? endpoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "Reconnected to Redis at {Endpoint}")]
    private partial void LogConnectionRestored(string? endpoint);
}
