using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// A node that is shutting down asks its open pages to move: halfway through the drain each page
/// reloads (state <c>moving</c>), and the draining node answers the reload with 503 and Retry-After —
/// what a balancer with <c>proxy_next_upstream http_503</c> takes to another node, where the tab
/// resumes from its token and positions.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DrainTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    [Fact]
    public Task Drain_AsksOpenPagesToReload_AndTheDrainingNodeSendsTheReloadOn() => RunAsync(async newContext =>
    {
        // Within the kit's shutdown timeout (2 s): the reloads come in the drain's second half.
        var host = await ThywillTestHost.StartAsync<Program>(new Dictionary<string, string?> { ["Thywill:Drain:Delay"] = "00:00:01.6" });
        var url = host.AppUrl("relay");
        var tab = await ThywillPage.OpenAsync(await newContext(), url);
        Assert.True((await tab.JoinAsync("room:drain")).GetProperty("ok").GetBoolean());

        // What the page goes through is kept where its reload can still read it.
        await tab.Page.EvaluateAsync("() => thywill.on('state', s => sessionStorage.setItem('test.states', (sessionStorage.getItem('test.states') || '') + s + ' '))");
        var reload = tab.Page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Url == url, new() { Timeout = 15_000 });
        var stopping = host.DisposeAsync().AsTask();
        IResponse reloaded;
        try
        {
            reloaded = await reload;
        }
        finally
        {
            await stopping;
        }

        Assert.Equal(503, reloaded.Status);
        Assert.NotNull(await reloaded.HeaderValueAsync("retry-after"));
        Assert.StartsWith("moving", await tab.Page.EvaluateAsync<string>("() => sessionStorage.getItem('test.states')"), StringComparison.Ordinal);
        Assert.Contains("asked 1 clients to move", host.ReadLog(), StringComparison.Ordinal);
    });
}
