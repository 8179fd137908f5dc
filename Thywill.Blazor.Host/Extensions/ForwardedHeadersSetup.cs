using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies named in
/// <c>Host:ForwardedHeaders</c>, and from nobody else; with none named the headers are ignored.
/// Then the client's address (per-address limits, who may scrape <c>/metrics</c>) and scheme (HTTPS
/// redirection, Secure cookies) are the browser's, not the proxy's.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // ASP.NET Core trusts loopback by default; only the configured proxies are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        // Bound, not validated, here: a bad entry is reported by the validator when the host starts.
        // With no proxy listed the middleware would believe every peer, so it is left out altogether.
        if (app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() is { Enabled: true })
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
