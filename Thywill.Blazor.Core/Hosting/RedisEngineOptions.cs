namespace Thywill.Blazor.Hosting;

/// <summary>Options of the Redis engine (<c>Thywill:Engine:Redis</c>).</summary>
internal sealed class RedisEngineOptions
{
    /// <summary>The section's name below <c>Thywill:Engine</c>.</summary>
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or
    /// <c>redis1:6379,password=…,ssl=true</c>. Required with the Redis engine.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Put before every key and pub/sub channel name, so that several Thywill clusters (or other
    /// programs) can share one Redis server. Nodes of one cluster must use the same prefix.
    /// </summary>
    /// <value>Defaults to <c>thywill</c>.</value>
    public string Prefix { get; set; } = "thywill";

    /// <summary>
    /// How long a channel's epoch and newest offset are kept in Redis after its last publication: a
    /// position older than that can no longer be checked, and the channel starts a new epoch.
    /// </summary>
    /// <value>Defaults to 24 hours.</value>
    public TimeSpan ChannelTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a presence entry lives without being refreshed by the node that holds the member: a
    /// dead node's members leave within this time.
    /// </summary>
    /// <value>Defaults to 15 seconds.</value>
    public TimeSpan PresenceTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a node compares the newest offset of each channel it subscribes to with what it
    /// received, to catch a lost trailing publication no later one would reveal; also how often it
    /// refreshes its members' presence and its heartbeat, and expires others' stale members.
    /// </summary>
    /// <value>Defaults to 3 seconds.</value>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a node stays in the node list after its last heartbeat.</summary>
    /// <value>Defaults to 15 seconds.</value>
    public TimeSpan NodeTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one Redis command may take before it fails with <c>unavailable</c>.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
