using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The SessionId cookie: HttpOnly, signed with Data Protection, one per browser. It groups all of a
/// person's tabs; a cookie that does not verify is replaced by a new session.
/// </summary>
internal sealed class SessionCookie(IDataProtectionProvider provider, IOptionsMonitor<ClientOptions> options)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Thywill.Blazor.Session.v1");

    /// <summary>Reads the session from the request, or starts one and sets the cookie.</summary>
    public string GetOrCreate(HttpContext context)
    {
        var clients = options.CurrentValue;
        if (context.Request.Cookies.TryGetValue(clients.SessionCookieName, out var value) && TryRead(value, out var existing))
        {
            return existing;
        }

        var sessionId = IdGenerator.NewId();
        context.Response.Cookies.Append(clients.SessionCookieName, _protector.Protect(sessionId), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = clients.SessionLifetime,
        });
        return sessionId;
    }

    private bool TryRead(string value, out string sessionId)
    {
        sessionId = "";
        try
        {
            sessionId = _protector.Unprotect(value);
            return sessionId.Length is > 0 and <= 64;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
