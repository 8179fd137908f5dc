using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

public sealed class ResumeTokenServiceTests
{
    private static readonly ResumeToken Token = new("client-1", "echo", "session-1");

    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void TryRead_IssuedToken_ReturnsWhatItProves()
    {
        var service = Service(_keys);

        var issued = service.Issue(Token);

        Assert.True(service.TryRead(issued, out var read));
        Assert.Equal(Token, read);
    }

    [Fact]
    public void TryRead_TokenFromAnotherNodeSharingTheKeys_Accepted()
    {
        var issued = Service(_keys).Issue(Token);

        Assert.True(Service(_keys).TryRead(issued, out var read));
        Assert.Equal(Token, read);
    }

    [Fact]
    public void TryRead_AnySingleCharacterChanged_Refused()
    {
        var service = Service(_keys);
        var issued = service.Issue(Token);

        // The last character may carry only padding bits of the base64url text, so changing it can
        // leave the bytes as they were; every other character is all payload or signature.
        for (var i = 0; i < issued.Length - 1; i++)
        {
            var altered = string.Concat(issued.AsSpan(0, i), issued[i] == 'A' ? "B" : "A", issued.AsSpan(i + 1));

            Assert.False(service.TryRead(altered, out var read), $"A token altered at {i} of {issued.Length} was accepted.");
            Assert.Null(read);
        }
    }

    [Fact]
    public void TryRead_TokenFromAnotherKeyRing_Refused()
    {
        var forged = Service(new EphemeralDataProtectionProvider()).Issue(Token);

        Assert.False(Service(_keys).TryRead(forged, out _));
    }

    [Fact]
    public void TryRead_SessionCookieOfTheSameKeyRing_Refused()
    {
        var context = new DefaultHttpContext();
        new SessionCookie(_keys, TestOptionsMonitor.Of(new ClientOptions()), new TestHostEnvironment(""), TimeProvider.System).GetOrCreate(context);
        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString()).Value.ToString();

        Assert.False(Service(_keys).TryRead(cookie, out _));
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void TryRead_Garbage_Refused(string? value)
    {
        Assert.False(Service(_keys).TryRead(value, out var read));
        Assert.Null(read);
    }

    public static TheoryData<string?> Garbage() => new()
    {
        null,
        "",
        " ",
        "not-a-token",
        "%%%%",
        "{\"C\":\"client-1\",\"A\":\"echo\",\"S\":\"session-1\"}",
        Convert.ToBase64String(Enumerable.Range(0, 120).Select(i => (byte)i).ToArray()),
        new string('A', 5_000),
    };

    [Fact]
    public void TryRead_LongerThan4096Characters_RefusedWithoutUnprotecting()
    {
        var keys = new CountingDataProtectionProvider(_keys);
        var service = Service(keys);
        var issued = service.Issue(Token);

        // Well-formed base64url, so without the limit it would reach decryption.
        Assert.False(service.TryRead(new string('A', 4_100), out _));
        Assert.Equal(0, keys.Unprotects);
        Assert.True(service.TryRead(issued, out _));
        Assert.Equal(1, keys.Unprotects);
    }

    [Fact]
    public async Task TryRead_TokenPastItsLifetime_Refused()
    {
        var service = Service(_keys, TimeSpan.FromMilliseconds(1));
        var issued = service.Issue(Token);
        var expired = DateTimeOffset.UtcNow.AddMilliseconds(1);

        while (DateTimeOffset.UtcNow <= expired)
        {
            await Task.Delay(5);
        }

        Assert.False(service.TryRead(issued, out _));
    }

    [Fact]
    public void TryRead_TokenWithinItsLifetime_Accepted()
    {
        var service = Service(_keys, TimeSpan.FromMinutes(1));

        Assert.True(service.TryRead(service.Issue(Token), out _));
    }

    private static ResumeTokenService Service(IDataProtectionProvider keys, TimeSpan? lifetime = null) =>
        new(keys, TestOptionsMonitor.Of(new ClientOptions { ResumeTokenLifetime = lifetime ?? TimeSpan.FromHours(24) }));

    /// <summary>Counts how often a token is decrypted, to see what the service refuses before it tries.</summary>
    private sealed class CountingDataProtectionProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        private int _unprotects;

        public int Unprotects => _unprotects;

        public IDataProtector CreateProtector(string purpose) => new Protector(this, inner.CreateProtector(purpose));

        private sealed class Protector(CountingDataProtectionProvider owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner._unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
