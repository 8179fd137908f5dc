using System.Net;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// <c>Host:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the host believes. Empty (the default), forwarded headers are ignored:
/// a browser could otherwise claim any address, and so escape every per-address limit.
/// </summary>
internal sealed class ProxyOptions
{
    public const string Section = "Host:ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of this host, e.g. <c>127.0.0.1</c> for nginx on the same machine.</summary>
    /// <value>Defaults to none.</value>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) the proxies are in, e.g. <c>10.0.0.0/8</c>.</summary>
    /// <value>Defaults to none.</value>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is configured, which turns the forwarded headers on.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>Every proxy and network, parsed (valid once the validator passed).</summary>
    public List<IPNetwork> Networks()
    {
        var ignored = new List<string>();
        return [.. AddressNetworks.Parse(Section + ":" + nameof(KnownProxies), KnownProxies, ignored), .. AddressNetworks.Parse(Section + ":" + nameof(KnownNetworks), KnownNetworks, ignored)];
    }
}
