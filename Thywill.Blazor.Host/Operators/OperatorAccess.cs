using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Thywill.Blazor.Host.Extensions;

namespace Thywill.Blazor.Host.Operators;

/// <summary>
/// The operator surface's door: cookie authentication, the <see cref="Policy"/> every operator page
/// and action requires, the sign-in and sign-out endpoints, and a 404 for every <c>/operator</c> path
/// while no operator is configured (closed by default, and revealing nothing). OpenTelemetry's
/// <c>/metrics</c> keeps its own gate (<c>Thywill:Metrics:AllowedNetworks</c> or a signed-in
/// operator), through <see cref="IsOperatorOrPeerInAsync"/>.
/// </summary>
internal static class OperatorAccess
{
    /// <summary>The authorization policy of the operator surface; applications may ask for it too (the display app does).</summary>
    public const string Policy = "ThywillOperator";

    public const string Scheme = "ThywillOperator";

    private const string Role = "thywill-operator";

    /// <summary>
    /// The gate of the endpoints a scraper may read without signing in: a peer in
    /// <paramref name="networks"/> (configuration key <paramref name="key"/>), or a signed-in operator.
    /// </summary>
    public static async Task<bool> IsOperatorOrPeerInAsync(HttpContext context, string key, IReadOnlyList<string> networks)
    {
        if (AddressNetworks.Contains(AddressNetworks.Parse(key, networks, []), context.Connection.RemoteIpAddress))
        {
            return true;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, Policy)).Succeeded;
    }

    public static WebApplicationBuilder AddOperatorAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<OperatorOptions, OperatorOptionsValidator>(OperatorOptions.Section);
        builder.Services.AddSingleton<OperatorCredentials>();
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "thywill.operator";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = "/operator/sign-in";
            options.AccessDeniedPath = "/operator/sign-in";
            options.SlidingExpiration = true;
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<Microsoft.Extensions.Options.IOptions<OperatorOptions>>(
            (cookie, operators) => cookie.ExpireTimeSpan = operators.Value.SignInLifetime);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Role));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy<System.Net.IPAddress, OperatorSignInLimit>(OperatorSignInLimit.Name));
        return builder;
    }

    public static WebApplication UseOperatorAccess(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/operator", StringComparison.OrdinalIgnoreCase)
                && !context.RequestServices.GetRequiredService<OperatorCredentials>().Configured)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapPost("/operator/session", SignInAsync).RequireRateLimiting(OperatorSignInLimit.Name).ExcludeFromDescription();
        app.MapPost("/operator/session/end", (Delegate)SignOutAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    // A form post (the antiforgery token is checked by the form binding): a wrong name or password
    // goes back to the sign-in page with a neutral message.
    private static async Task<IResult> SignInAsync(HttpContext context, OperatorCredentials credentials, [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        if (credentials.Verify(name, password) is not { } operatorName)
        {
            return Results.LocalRedirect("/operator/sign-in?failed=true");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, operatorName), new Claim(ClaimTypes.Role, Role)], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(IsLocalOperatorPath(returnUrl) ? returnUrl! : "/operator");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        return Results.LocalRedirect("/");
    }

    private static bool IsLocalOperatorPath(string? url) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
}
