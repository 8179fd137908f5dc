using System.Text.Json;
using Microsoft.Playwright;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>One open Thywill application in one browser tab, with helpers that speak thywill.js.</summary>
public sealed class ThywillPage
{
    private ThywillPage(IPage page) => Page = page;

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>The client id the server gave this tab.</summary>
    public string ClientId { get; private set; } = "";

    /// <summary>Opens an application in a new tab of <paramref name="context"/> and waits for its bootstrap.</summary>
    /// <param name="context">The browser context (one per simulated person).</param>
    /// <param name="url">The application's init URL.</param>
    public static async Task<ThywillPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        var thywillPage = new ThywillPage(page);
        await page.GotoAsync(url);
        await thywillPage.WaitForBootstrapAsync();
        return thywillPage;
    }

    /// <summary>Waits for <c>thywill.ready()</c> and records the client id.</summary>
    public async Task<JsonElement> WaitForBootstrapAsync()
    {
        // Start recording messages before anything can arrive, so tests can await them later.
        var config = await Page.EvaluateAsync<JsonElement>(
            """
            async () => {
                window.__received = window.__received || [];
                if (!window.__recording) {
                    window.__recording = true;
                    thywill.on('message', m => window.__received.push(m));
                }
                return await thywill.ready();
            }
            """);
        ClientId = config.GetProperty("clientId").GetString()!;
        return config;
    }

    /// <summary>Reloads the tab and waits for the bootstrap again.</summary>
    public async Task<JsonElement> ReloadAsync()
    {
        await Page.ReloadAsync();
        return await WaitForBootstrapAsync();
    }

    /// <summary>Sends through <c>thywill.send</c>; returns the acknowledgement or the error's code.</summary>
    /// <param name="data">Any JSON-serialisable value.</param>
    public Task<SendOutcome> SendAsync(object? data) =>
        Page.EvaluateAsync<SendOutcome>(
            "async (data) => { try { const ack = await thywill.send(data); return { ok: true, id: ack.id }; } catch (e) { return { ok: false, code: e.code, message: e.message }; } }",
            data);

    /// <summary>Waits until a received envelope matches <paramref name="predicate"/> (a JS expression over <c>m</c>).</summary>
    /// <param name="predicate">For example <c>m =&gt; m.data === 'hello'</c>.</param>
    /// <param name="timeoutMs">How long to wait.</param>
    public async Task<JsonElement> WaitForMessageAsync(string predicate, float timeoutMs = 10_000)
    {
        var handle = await Page.WaitForFunctionAsync(
            $"() => window.__received.find({predicate})",
            null,
            new PageWaitForFunctionOptions { Timeout = timeoutMs });
        return await handle.JsonValueAsync<JsonElement>();
    }

    /// <summary>Every envelope received so far, in arrival order.</summary>
    public async Task<JsonElement[]> ReceivedAsync()
    {
        var all = await Page.EvaluateAsync<JsonElement>("() => window.__received");
        return all.EnumerateArray().Select(m => m.Clone()).ToArray();
    }
}

/// <summary>The outcome of <see cref="ThywillPage.SendAsync"/>.</summary>
public sealed record SendOutcome
{
    /// <summary>Whether the server acknowledged the message.</summary>
    public bool Ok { get; init; }

    /// <summary>The server's message id, when acknowledged.</summary>
    public string? Id { get; init; }

    /// <summary>The error code, when refused.</summary>
    public string? Code { get; init; }

    /// <summary>The error message, when refused.</summary>
    public string? Message { get; init; }
}
