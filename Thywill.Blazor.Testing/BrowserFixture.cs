using Microsoft.Playwright;
using Xunit;

namespace Thywill.Blazor.Testing;

/// <summary>
/// One Chromium for a whole test run (an xunit collection fixture: declare a
/// <c>[CollectionDefinition]</c> class implementing <c>ICollectionFixture&lt;BrowserFixture&gt;</c> in your test project). The browser is the system's Chromium: set
/// <c>THYWILL_CHROMIUM</c> to use another executable (the default is <c>/usr/bin/chromium</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming the Chromium executable.</summary>
    public const string ExecutableVariable = "THYWILL_CHROMIUM";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The Chromium executable in use.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. Install it (Debian: apt-get install -y chromium) or set {ExecutableVariable} to its path.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
