using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>A bootstrap that cannot complete fails visibly, with a reason, through every error path.</summary>
[Collection(E2ECollection.Name)]
public sealed class BootstrapFailureTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    [Fact]
    public Task CircuitThatNeverStarts_FailsTheBootstrap_WithStartFailedOrTimeout() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?>
        {
            ["Thywill:Clients:BootstrapTimeout"] = "00:00:03",
        });
        var context = await newContext();

        // The circuit hub is unreachable: Blazor cannot start, so the bootstrap cannot complete.
        await context.RouteAsync("**/_blazor/**", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(
            """
            window.__errors = [];
            window.addEventListener('DOMContentLoaded', () => {
                thywill.push.onError = e => window.__errors.push('onError:' + e.code);
                thywill.on('error', e => window.__errors.push('event:' + e.code));
            });
            """);
        await page.GotoAsync(host.AppUrl("echo"));

        var outcome = await page.EvaluateAsync<string>(
            "async () => { try { await thywill.ready(); return 'ready'; } catch (e) { return e.code + '|' + thywill.state; } }");
        var errors = await page.EvaluateAsync<string[]>("() => window.__errors");
        var send = await page.EvaluateAsync<string>("async () => { try { await thywill.send('x'); return 'sent'; } catch (e) { return e.code; } }");

        Assert.Contains(outcome.Split('|')[0], new[] { "start-failed", "timeout" });
        Assert.EndsWith("|failed", outcome, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.StartsWith("onError:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("event:", StringComparison.Ordinal));
        Assert.Equal("not-ready", send);
    });
}
