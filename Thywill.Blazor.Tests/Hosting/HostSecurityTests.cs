using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// The Host in Production: HSTS on HTTPS, a redirect from HTTP when it knows its HTTPS port, none
/// behind a TLS-terminating proxy it was told to believe, the session cookie <c>__Host-</c> and
/// <c>Secure</c> there too; and only the configured host names are served.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HostSecurityTests
{
    private const string Name = "thywill.example";

    [Fact]
    public async Task Production_HttpsRequest_GetsHsts()
    {
        await using var factory = Production();
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{Name}/") });

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_PlainHttpWithAKnownHttpsPort_RedirectedToHttps()
    {
        await using var factory = Production(("https_port", "443"));
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Name}/"), AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri("/thywill/init/echo", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{Name}/thywill/init/echo", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Production_BehindAKnownTlsProxy_ServedWithAHostPrefixedSecureCookie()
    {
        await using var factory = Production(("https_port", "443"), ("Host:ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        var context = await ForwardedAsync(factory, from: "10.1.2.3");

        Assert.Equal(200, context.Response.StatusCode);
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("__Host-thywill.sid=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Production_ForwardedProtoFromAnUnknownPeer_StillRedirected()
    {
        await using var factory = Production(("https_port", "443"), ("Host:ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        var context = await ForwardedAsync(factory, from: "10.9.9.9");

        Assert.Equal(307, context.Response.StatusCode);
    }

    [Fact]
    public async Task ShippedConfiguration_ForeignHostName_Refused()
    {
        await using var factory = new ThywillHostFactory();
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/thywill/init/echo");
        request.Headers.Host = "evil.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // A plain-HTTP request for echo's page as a TLS-terminating proxy at `from` forwards it.
    private static Task<Microsoft.AspNetCore.Http.HttpContext> ForwardedAsync(ThywillHostFactory factory, string from) =>
        factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString(Name);
            c.Request.Path = "/thywill/init/echo";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
        });

    private static ThywillHostFactory Production(params (string Key, string? Value)[] settings) =>
        new([("environment", "Production"), ("AllowedHosts", Name), .. settings]);
}
