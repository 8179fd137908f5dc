using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The SessionId cookie: HttpOnly, signed with Data Protection, one per browser. It groups all of a
/// person's tabs; a cookie that does not verify, or whose signed expiry has passed, is replaced by a
/// new session. Outside Development it is <c>__Host-</c>-prefixed and always <c>Secure</c>, so it is
/// never sent over plain HTTP (behind a TLS proxy too) nor set by a sibling domain.
/// </summary>
internal sealed class SessionCookie(IDataProtectionProvider provider, IOptionsMonitor<ClientOptions> options, IHostEnvironment environment, TimeProvider time)
{
    /// <summary>The prefix that makes browsers accept the cookie only with <c>Secure</c>, <c>Path=/</c> and no <c>Domain</c>.</summary>
    public const string HostPrefix = "__Host-";

    // v2: the payload carries its expiry (time-limited protector); v1 cookies no longer verify.
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("Thywill.Blazor.Session.v2").ToTimeLimitedDataProtector();

    // Development keeps a plain, request-dependent cookie: a developer may serve plain HTTP on a
    // LAN address, where a browser refuses Secure cookies (loopback is the only exception).
    private readonly bool _hardened = !environment.IsDevelopment();

    /// <summary>Reads the session from the request, or starts one and sets the cookie.</summary>
    public string GetOrCreate(HttpContext context)
    {
        var clients = options.CurrentValue;
        var name = NameFor(clients.SessionCookieName);
        if (context.Request.Cookies.TryGetValue(name, out var value) && TryRead(value, out var existing))
        {
            return existing;
        }

        var sessionId = IdGenerator.NewId();
        var expires = time.GetUtcNow() + clients.SessionLifetime;
        context.Response.Cookies.Append(name, _protector.Protect(sessionId, expires), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = _hardened || context.Request.IsHttps,
            Path = "/",
            MaxAge = clients.SessionLifetime,
        });
        return sessionId;
    }

    private string NameFor(string configured) =>
        _hardened && !configured.StartsWith(HostPrefix, StringComparison.Ordinal) ? HostPrefix + configured : configured;

    private bool TryRead(string value, out string sessionId)
    {
        sessionId = "";
        if (value.Length > 1024)
        {
            return false;
        }

        try
        {
            // Unprotect checks the signed expiry against the clock, not the browser's Max-Age.
            sessionId = _protector.Unprotect(value, out _);
            return sessionId.Length is > 0 and <= 64;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
