namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// <c>Host:PerAddress</c>: what one client address may hold and do. The address is the peer's, or the
/// client's from <c>X-Forwarded-For</c> when <c>Host:ForwardedHeaders</c> names the proxy; an IPv6
/// address counts by its /64 network, which one household or host usually holds whole.
/// </summary>
internal sealed class PerAddressOptions
{
    public const string Section = "Host:PerAddress";

    /// <summary>Requests one address may have open at once, every circuit's WebSocket included.</summary>
    /// <value>Defaults to 100.</value>
    public int MaxConnections { get; set; } = 100;

    /// <summary>Page loads of an application (<c>/thywill/init/…</c>, each a new session row) one address may make per second, sustained.</summary>
    /// <value>Defaults to 10.</value>
    public int BootstrapsPerSecond { get; set; } = 10;

    /// <summary>Page loads one address may make at once above the sustained rate.</summary>
    /// <value>Defaults to 50.</value>
    public int BootstrapBurst { get; set; } = 50;
}
