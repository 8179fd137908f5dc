using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Per-address limits (<see cref="PerAddressOptions"/>): requests open at once, every circuit's
/// WebSocket included, through ASP.NET Core's rate limiting middleware (a concurrency limiter per
/// address holds its permit for the whole request, so for a WebSocket's whole life); and page loads
/// of an application per second, through a token bucket per address on the <c>/thywill</c> routes.
/// </summary>
/// <remarks>
/// Counted per HTTP request rather than per TCP connection (<see cref="ConnectionBudget"/>'s level)
/// because only a request knows the client's address behind a proxy (<c>X-Forwarded-For</c>).
/// </remarks>
internal static class AddressLimits
{
    public static WebApplicationBuilder AddAddressLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PerAddressOptions, PerAddressOptionsValidator>(PerAddressOptions.Section);
        builder.Services.AddSingleton<AddressRefusals>();
        builder.Services.AddSingleton<BootstrapLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<PerAddressOptions>, AddressRefusals>((limiter, options, refusals) =>
        {
            var max = options.Value.MaxConnections;
            var limit = new AddressLimit(
                PerAddressOptions.Section + ":" + nameof(PerAddressOptions.MaxConnections),
                $"Too many connections from one address: {PerAddressOptions.Section}:{nameof(PerAddressOptions.MaxConnections)} is {max}.");
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => RateLimitPartition.GetConcurrencyLimiter(
                PartitionOf(context.Connection.RemoteIpAddress),
                _ => new ConcurrencyLimiterOptions { PermitLimit = max, QueueLimit = 0 }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(refusals.WriteAsync(rejected.HttpContext, limit, cancellationToken));
        });
        return builder;
    }

    /// <summary>Limits the page loads of <paramref name="group"/>'s endpoints (Thywill's <c>/thywill/init</c>) per address.</summary>
    public static RouteGroupBuilder LimitBootstraps(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var limiter = context.RequestServices.GetRequiredService<BootstrapLimiter>();
            using var lease = limiter.Acquire(context);
            if (!lease.IsAcquired)
            {
                var body = context.RequestServices.GetRequiredService<AddressRefusals>().Refuse(context, limiter.Limit);
                return Results.Text(body, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
            }

            return await next(invocation);
        });

    /// <summary>
    /// The address a client is counted under: IPv4 as it is (also when mapped into IPv6), IPv6 by its
    /// /64 network, since one subscriber is usually given a whole /64; no address at all is one partition.
    /// </summary>
    public static IPAddress PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
