namespace Thywill.Blazor.Hosting;

/// <summary>Options of a node's drain on shutdown (SIGTERM, a rolling restart).</summary>
internal sealed class DrainOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Drain";

    /// <summary>
    /// How long a stopping node keeps serving while <c>/health/ready</c> says it is not ready, so that
    /// a balancer polling it stops sending new browsers before it goes.
    /// </summary>
    /// <value>Defaults to 5 seconds; 0 stops at once.</value>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);
}
