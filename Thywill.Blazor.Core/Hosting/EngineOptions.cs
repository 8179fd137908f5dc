namespace Thywill.Blazor.Hosting;

/// <summary>Options of the engine that orders, keeps and fans out publications.</summary>
internal sealed class EngineOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Engine";

    /// <summary>The engine implementation.</summary>
    /// <value>Defaults to <see cref="EngineProvider.InMemory"/>.</value>
    public EngineProvider Provider { get; set; } = EngineProvider.InMemory;

    /// <summary>Publications kept per channel for recovery.</summary>
    /// <value>Defaults to 1,000.</value>
    public int HistorySize { get; set; } = 1_000;

    /// <summary>
    /// The most bytes (of the payloads' JSON) of publications kept per channel, beside
    /// <see cref="HistorySize"/>: 1,000 publications of 64 KB would be 64 MB.
    /// </summary>
    /// <value>Defaults to 1 MiB (1,048,576).</value>
    public long HistoryMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a publication is kept for recovery.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan HistoryAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the in-memory engine forgets channels nobody uses any more (no subscriber, no
    /// presence, nothing left in history), so departed clients leave no state behind.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Redis engine's options, used when <see cref="Provider"/> is <see cref="EngineProvider.Redis"/>.</summary>
    public RedisEngineOptions Redis { get; set; } = new();
}

/// <summary>The engine implementations.</summary>
internal enum EngineProvider
{
    /// <summary>One process; no setup.</summary>
    InMemory,

    /// <summary>Many nodes sharing one Redis server (<c>Thywill:Engine:Redis</c>).</summary>
    Redis,
}
