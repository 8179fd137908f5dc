using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

/// <summary>
/// The session cookie is <c>__Host-</c> and always <c>Secure</c> outside Development, and its signed
/// payload expires with it: an expired, forged or foreign cookie starts a new session.
/// </summary>
public sealed class SessionCookieTests
{
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void GetOrCreate_OutsideDevelopmentOverPlainHttp_HostPrefixedSecureCookie()
    {
        var context = new DefaultHttpContext();

        Cookie(Environments.Production).GetOrCreate(context);

        var cookie = SetCookie(context);
        Assert.Equal("__Host-thywill.sid", cookie.Name.ToString());
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.False(cookie.Domain.HasValue);
    }

    [Fact]
    public void GetOrCreate_DevelopmentOverPlainHttp_PlainNameNotSecure()
    {
        var context = new DefaultHttpContext();

        Cookie(Environments.Development).GetOrCreate(context);

        var cookie = SetCookie(context);
        Assert.Equal("thywill.sid", cookie.Name.ToString());
        Assert.False(cookie.Secure);
    }

    [Fact]
    public void GetOrCreate_CookieItSet_SameSessionAndNoNewCookie()
    {
        var cookie = Cookie(Environments.Production);
        var first = new DefaultHttpContext();
        var session = cookie.GetOrCreate(first);

        var again = WithCookie(SetCookie(first));
        Assert.Equal(session, cookie.GetOrCreate(again));
        Assert.Empty(again.Response.Headers.SetCookie.ToString());
    }

    [Fact]
    public void GetOrCreate_SignedExpiryPassed_NewSession()
    {
        // Issued 31 days ago with the default 30-day lifetime: a browser that kept it anyway gets nothing.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-31));
        var old = new DefaultHttpContext();
        var session = Cookie(Environments.Production, past).GetOrCreate(old);

        var again = WithCookie(SetCookie(old));
        var now = Cookie(Environments.Production).GetOrCreate(again);

        Assert.NotEqual(session, now);
        Assert.Equal("__Host-thywill.sid", SetCookie(again).Name.ToString());
    }

    [Fact]
    public void GetOrCreate_CookieOfAnotherKeyRing_NewSession()
    {
        var foreign = new SessionCookie(new EphemeralDataProtectionProvider(), TestOptionsMonitor.Of(new ClientOptions()), new TestHostEnvironment("") { EnvironmentName = Environments.Production }, TimeProvider.System);
        var other = new DefaultHttpContext();
        var session = foreign.GetOrCreate(other);

        var again = WithCookie(SetCookie(other));

        Assert.NotEqual(session, Cookie(Environments.Production).GetOrCreate(again));
    }

    [Fact]
    public void GetOrCreate_PlainNamedCookieOutsideDevelopment_Ignored()
    {
        // A cookie without the prefix may have been set by a sibling domain or over plain HTTP.
        var development = new DefaultHttpContext();
        var session = Cookie(Environments.Development).GetOrCreate(development);

        var again = WithCookie(SetCookie(development));

        Assert.NotEqual(session, Cookie(Environments.Production).GetOrCreate(again));
    }

    private SessionCookie Cookie(string environment, TimeProvider? time = null) =>
        new(_keys, TestOptionsMonitor.Of(new ClientOptions()), new TestHostEnvironment("") { EnvironmentName = environment }, time ?? TimeProvider.System);

    private static SetCookieHeaderValue SetCookie(HttpContext context) =>
        SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());

    private static DefaultHttpContext WithCookie(SetCookieHeaderValue cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{cookie.Name}={cookie.Value}";
        return context;
    }
}
