using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// The Data Protection key ring is kept in the data folder and outlives a restart: the session
/// cookie and the resume tokens a browser holds still verify on the restarted host (real Kestrel).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class KeyRingTests
{
    private static readonly ResumeToken Token = new("client-1", "echo", "session-1");

    [Fact]
    public async Task Restart_CookieAndResumeTokenIssuedBefore_StillVerify()
    {
        var host = await ThywillTestHost.StartAsync<Program>();
        try
        {
            var cookie = await LoadEchoAsync(host, cookie: null) ?? throw new InvalidOperationException("No session cookie was set.");
            var token = host.Services.GetRequiredService<IResumeTokenService>().Issue(Token);

            host = await host.RestartAsync();

            Assert.Null(await LoadEchoAsync(host, cookie));
            Assert.True(host.Services.GetRequiredService<IResumeTokenService>().TryRead(token, out var read));
            Assert.Equal(Token, read);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_DatabaseKeyRing_CookieAndResumeTokenIssuedBefore_StillVerify_WithNoKeyFolder()
    {
        var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Keys:Store"] = "Database" });
        try
        {
            var cookie = await LoadEchoAsync(host, cookie: null) ?? throw new InvalidOperationException("No session cookie was set.");
            var token = host.Services.GetRequiredService<IResumeTokenService>().Issue(Token);

            host = await host.RestartAsync();

            Assert.Null(await LoadEchoAsync(host, cookie));
            Assert.True(host.Services.GetRequiredService<IResumeTokenService>().TryRead(token, out var read));
            Assert.Equal(Token, read);
            Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "keys")));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_EphemeralKeyRing_CookieAndResumeTokenNoLongerVerify()
    {
        var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Keys:Store"] = "Ephemeral" });
        try
        {
            var cookie = await LoadEchoAsync(host, cookie: null);
            var token = host.Services.GetRequiredService<IResumeTokenService>().Issue(Token);

            host = await host.RestartAsync();

            Assert.NotNull(await LoadEchoAsync(host, cookie));
            Assert.False(host.Services.GetRequiredService<IResumeTokenService>().TryRead(token, out _));
            Assert.False(Directory.Exists(Path.Combine(host.DataFolder, "keys")));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_DefaultKeys_KeyRingInAKeysFolderBesideTheDatabase()
    {
        await using var host = await ThywillTestHost.StartAsync<Program>();

        await LoadEchoAsync(host, cookie: null);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(host.DataFolder, "keys"), "key-*.xml"));
    }

    [Fact]
    public async Task Start_EphemeralKeysInProduction_LogsAWarningNamingTheKey()
    {
        await using var factory = new ThywillHostFactory(("environment", "Production"), ("Thywill:Keys:Store", "Ephemeral"));
        using var client = factory.CreateClient();

        Assert.Contains("Thywill:Keys:Store is Ephemeral", factory.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EphemeralKeysInDevelopment_NoWarning()
    {
        await using var factory = new ThywillHostFactory(("Thywill:Keys:Store", "Ephemeral"));
        using var client = factory.CreateClient();

        Assert.DoesNotContain("Thywill:Keys:Store is Ephemeral", factory.ReadLog(), StringComparison.Ordinal);
    }

    // Loads echo's page with the session cookie given; the "name=value" of a session cookie it set, if any.
    private static async Task<string?> LoadEchoAsync(ThywillTestHost host, string? cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "thywill/init/echo");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Where(c => c.StartsWith("thywill.sid=", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).FirstOrDefault()
            : null;
    }
}
