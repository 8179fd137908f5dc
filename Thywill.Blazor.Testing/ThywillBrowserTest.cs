using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Thywill.Blazor.Testing;

/// <summary>
/// A base for browser tests: <see cref="RunAsync"/> gives the test fresh browser contexts and keeps a
/// trace and screenshots when it fails, named after the test.
/// </summary>
/// <param name="browser">The shared browser.</param>
public abstract class ThywillBrowserTest(BrowserFixture browser)
{
    /// <summary>The shared browser.</summary>
    protected IBrowser Browser => browser.Browser;

    /// <summary>Runs a test body with a factory of traced browser contexts (one per simulated person).</summary>
    /// <param name="test">The test body.</param>
    /// <param name="name">The test's name, for its artifacts.</param>
    protected Task RunAsync(Func<Func<Task<IBrowserContext>>, Task> test, [CallerMemberName] string name = "") =>
        Artifacts.RunAsync(browser.Browser, name, test);
}
