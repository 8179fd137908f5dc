using Microsoft.Playwright;

namespace Thywill.Blazor.Testing;

/// <summary>
/// Keeps a trace and a screenshot of every page of a failing test under
/// <c>playwright-artifacts/</c> beside the test assembly (or <c>THYWILL_E2E_ARTIFACTS</c>).
/// </summary>
public static class Artifacts
{
    /// <summary>The folder failing tests write to.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("THYWILL_E2E_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "playwright-artifacts");

    /// <summary>
    /// Creates a traced browser context, runs <paramref name="test"/> with it, and on failure saves the
    /// trace and a screenshot of each open page before rethrowing.
    /// </summary>
    /// <param name="browser">The browser.</param>
    /// <param name="testName">Names the artifacts.</param>
    /// <param name="test">The test body.</param>
    public static async Task RunAsync(IBrowser browser, string testName, Func<Func<Task<IBrowserContext>>, Task> test)
    {
        var contexts = new List<IBrowserContext>();
        async Task<IBrowserContext> NewContext()
        {
            var context = await browser.NewContextAsync();
            await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
            contexts.Add(context);
            return context;
        }

        try
        {
            await test(NewContext);
        }
        catch
        {
            Directory.CreateDirectory(Folder);
            for (var i = 0; i < contexts.Count; i++)
            {
                var prefix = Path.Combine(Folder, $"{testName}-ctx{i}");
                var pages = contexts[i].Pages;
                for (var p = 0; p < pages.Count; p++)
                {
                    await pages[p].ScreenshotAsync(new PageScreenshotOptions { Path = $"{prefix}-page{p}.png", FullPage = true });
                }

                await contexts[i].Tracing.StopAsync(new TracingStopOptions { Path = prefix + "-trace.zip" });
            }

            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
