using System.Globalization;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>What the soak runs: the churn, and the shortened retention it gives the server so that what clients leave expires within the run.</summary>
internal sealed record SoakOptions
{
    /// <summary>How long the measured churn lasts. <value>Defaults to 30 minutes.</value></summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Churn of the same kind before the start heap is taken, so JIT, pools and caches are in it. <value>Defaults to 1 minute.</value></summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Relay tabs open at a time: they join rooms, publish, leave. <value>Defaults to 40.</value></summary>
    public int RelayTabs { get; init; } = 40;

    /// <summary>Calculations tabs open at a time: they call RPC functions. <value>Defaults to 10.</value></summary>
    public int RpcTabs { get; init; } = 10;

    /// <summary>The mean time between a tab's actions. <value>Defaults to 1 s.</value></summary>
    public TimeSpan ActionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The mean life of a tab (each lives 0.5–1.5 times this); then a new tab takes its place. <value>Defaults to 90 s.</value></summary>
    public TimeSpan TabLifetime { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Shared rooms in use at a time. <value>Defaults to 12.</value></summary>
    public int SharedRooms { get; init; } = 12;

    /// <summary>How often a shared room is replaced by a new name. <value>Defaults to 5 s.</value></summary>
    public TimeSpan RoomRotation { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The share of joins that take a room of their own. <value>Defaults to 0.25.</value></summary>
    public double FreshRoomShare { get; init; } = 0.25;

    /// <summary>The share of actions that are reloads. <value>Defaults to 0.03.</value></summary>
    public double ReloadShare { get; init; } = 0.03;

    /// <summary>The share of a relay tab's other actions that leave a room or join one (the rest publish). <value>Defaults to 0.12.</value></summary>
    public double SwitchShare { get; init; } = 0.12;

    /// <summary>How long a reloading tab has no page, at most. <value>Defaults to 2 s.</value></summary>
    public TimeSpan ReloadPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Characters of text in each publication. <value>Defaults to 64.</value></summary>
    public int Pad { get; init; } = 64;

    /// <summary>How long a request may go unanswered before it counts as a failure. <value>Defaults to 30 s.</value></summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a leaving member waits for what it is owed before the rest counts as lost. <value>Defaults to 15 s.</value></summary>
    public TimeSpan DeliveryPatience { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the server's heap is read (after a full GC). <value>Defaults to 1 minute.</value></summary>
    public TimeSpan HeapInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far the end's heap may be from the start's. <value>Defaults to 0.10 (10 %).</value></summary>
    public double FlatTolerance { get; init; } = 0.10;

    /// <summary><c>Thywill:Clients:AwayRetention</c> for the server. <value>Defaults to 45 s (the server's default is 1 hour).</value></summary>
    public TimeSpan AwayRetention { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary><c>Thywill:Channels:IdleRetention</c> for the server. <value>Defaults to 45 s (the server's default is 10 minutes).</value></summary>
    public TimeSpan IdleRetention { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary><c>Thywill:Engine:SweepInterval</c> for the server. <value>Defaults to 5 s (the server's default is 30 s).</value></summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Thywill:Database:Retention</c> for the server. <value>Defaults to 90 s.</value></summary>
    public TimeSpan DatabaseRetention { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary><c>Thywill:Database:CleanupInterval</c> for the server. <value>Defaults to 20 s.</value></summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long to wait, once every tab has gone, before the heap is taken: a gone client's memberships
    /// expire after the away retention, its rooms after the idle retention that follows, stored rows
    /// after theirs; each waits for a sweep or a clean-up, presence for its grace period (10 s).
    /// </summary>
    public TimeSpan Settle =>
        Max(AwayRetention + IdleRetention, DatabaseRetention) + 2 * SweepInterval + CleanupInterval + TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(15);

    /// <summary>The whole run, from the first tab to the end's heap.</summary>
    public TimeSpan Total => WarmUp + Settle + Duration + Settle;

    /// <summary>
    /// The server's configuration for the soak: the shortened retention, and the default send budget
    /// back (the bench lifts it for its drivers). The heap is read from <c>/metrics</c>, which loopback may scrape.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerSettings() => new Dictionary<string, string>
    {
        ["Thywill:Clients:AwayRetention"] = Text(AwayRetention),
        ["Thywill:Channels:IdleRetention"] = Text(IdleRetention),
        ["Thywill:Engine:SweepInterval"] = Text(SweepInterval),
        ["Thywill:Database:Retention"] = Text(DatabaseRetention),
        ["Thywill:Database:CleanupInterval"] = Text(CleanupInterval),
        ["Thywill:Messages:RateLimitPerSecond"] = "20",
        ["Thywill:Messages:RateLimitBurst"] = "40",
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
