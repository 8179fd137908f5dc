using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>A host with one operator configured, and the sign-in a browser does to become it.</summary>
public sealed class OperatorHostFixture : IAsyncLifetime
{
    /// <summary>The operator's name.</summary>
    public const string Name = "ops";

    /// <summary>The operator's password (a fresh one per fixture).</summary>
    public string Password { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The host.</summary>
    public ThywillTestHost Host { get; private set; } = default!;

    /// <summary>Settings that configure the operator, for tests that start a host of their own.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Thywill:Operator:Users:0:Name"] = Name,

        // The same hash format the Host's hash-password command prints (ASP.NET Core Identity's).
        ["Thywill:Operator:Users:0:PasswordHash"] = new PasswordHasher<object>().HashPassword(new object(), Password),

        // Every test signs in from loopback: the per-address budget of sign-ins is tested on its own.
        ["Thywill:Operator:SignInAttemptsPerMinute"] = "1000",
    };

    /// <summary>Signs <paramref name="context"/> in as the operator, through the sign-in form.</summary>
    public async Task SignInAsync(IBrowserContext context, ThywillTestHost? host = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri((host ?? Host).BaseAddress, "operator/sign-in").ToString());
        await page.FillAsync("#operator-name", Name);
        await page.FillAsync("#operator-password", Password);
        await page.ClickAsync("#operator-sign-in-submit");
        await page.WaitForURLAsync("**/operator");
        await page.CloseAsync();
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await ThywillTestHost.StartAsync<Program>(Settings);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
