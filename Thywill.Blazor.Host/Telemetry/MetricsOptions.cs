namespace Thywill.Blazor.Host.Telemetry;

/// <summary><c>Thywill:Metrics</c>: who may scrape <c>/metrics</c> without signing in.</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Thywill:Metrics";

    /// <summary>
    /// Client addresses or CIDR networks a scraper may read <c>/metrics</c> from; signed-in operators
    /// always may, anyone else gets 404. A reverse proxy on the same machine makes every request
    /// loopback: it must not forward <c>/metrics</c> (docs/operations.md).
    /// </summary>
    /// <value>Defaults to loopback (127.0.0.0/8 and ::1) when not configured.</value>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>The networks in force: the configured ones, or loopback.</summary>
    public IReadOnlyList<string> NetworksInForce => AllowedNetworks ?? ["127.0.0.0/8", "::1/128"];
}
