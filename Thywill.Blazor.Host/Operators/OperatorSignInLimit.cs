using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Host.Extensions;

namespace Thywill.Blazor.Host.Operators;

/// <summary>
/// The budget of sign-in attempts (<c>POST /operator/session</c>) per address, through ASP.NET Core's
/// rate limiting: a token bucket of <see cref="OperatorOptions.SignInAttemptsPerMinute"/> per address
/// (IPv6 by its /64, as the other per-address limits), refilled every minute. Every attempt counts,
/// right or wrong, so that a guesser learns nothing from which ones are refused.
/// </summary>
internal sealed partial class OperatorSignInLimit(IOptions<OperatorOptions> options, ILogger<OperatorSignInLimit> logger) : IRateLimiterPolicy<IPAddress>
{
    /// <summary>The rate limiting policy's name.</summary>
    public const string Name = "thywill-operator-sign-in";

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, cancellationToken) =>
    {
        var context = rejected.HttpContext;
        LogRefused(logger, AddressLimits.PartitionOf(context.Connection.RemoteIpAddress).ToString(), options.Value.SignInAttemptsPerMinute);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((int)Period.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"Too many sign-in attempts from this address ({OperatorOptions.Section}:{nameof(OperatorOptions.SignInAttemptsPerMinute)} is {options.Value.SignInAttemptsPerMinute}); try again in a minute.",
            cancellationToken);
    };

    /// <inheritdoc />
    public RateLimitPartition<IPAddress> GetPartition(HttpContext httpContext)
    {
        var attempts = options.Value.SignInAttemptsPerMinute;
        return RateLimitPartition.GetTokenBucketLimiter(AddressLimits.PartitionOf(httpContext.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = attempts,
            TokensPerPeriod = attempts,
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Operator sign-in refused for {Address}: more than {Attempts} attempts in a minute")]
    private static partial void LogRefused(ILogger logger, string address, int attempts);
}
