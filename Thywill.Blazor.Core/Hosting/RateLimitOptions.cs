namespace Thywill.Blazor.Hosting;

/// <summary>
/// Per-client budgets of the browser operations that reach other clients or the application
/// (<c>Thywill:RateLimits</c>); sends are budgeted by <c>Thywill:Messages</c>. An operation over its
/// budget is answered <c>rate-limited</c> and does nothing else: no fan-out, no archive write, no log
/// line of its own. The defaults are chosen so that one member cannot fill another's outbox — see
/// <c>docs/configuration.md</c>, "Rate limits", for the arithmetic.
/// </summary>
internal sealed class RateLimitOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "RateLimits";

    /// <summary>Publishes to channels.</summary>
    /// <value>Defaults to 20 a second, 40 at once.</value>
    public RateBudget Publish { get; set; } = new() { PerSecond = 20, Burst = 40 };

    /// <summary>Joins and leaves together (each can change a channel's presence for every member).</summary>
    /// <value>Defaults to 10 a second, 50 at once (a page that joins its rooms at start).</value>
    public RateBudget Join { get; set; } = new() { PerSecond = 10, Burst = 50 };

    /// <summary>
    /// Bytes of the payloads of sends and publishes together, beside their counts: what a member
    /// fans out is bytes in the other members' outboxes (<c>Thywill:Push:OutboxMaxBytes</c>).
    /// </summary>
    /// <value>Defaults to 64 KiB a second, 1 MiB at once.</value>
    public RateBudget Bytes { get; set; } = new() { PerSecond = 64 * 1024, Burst = 1024 * 1024 };

    /// <summary>RPC calls (beside the cap on calls running at once, <c>Thywill:Rpc:MaxConcurrentCallsPerClient</c>).</summary>
    /// <value>Defaults to 20 a second, 40 at once.</value>
    public RateBudget Call { get; set; } = new() { PerSecond = 20, Burst = 40 };
}
