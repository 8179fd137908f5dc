using System.Text.Json;
using Microsoft.Playwright;

namespace Thywill.Blazor.Testing;

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

        // Record from the first script on, on every load of this tab: a reloaded page may be given
        // history while it resumes, before a test could evaluate anything in it.
        await page.AddInitScriptAsync(
            """
            window.__received = [];
            window.__recording = true;
            window.__joined = new Set();
            window.addEventListener('DOMContentLoaded', () => {
                thywill.on('message', m => window.__received.push(m));
                // The channels this page has joined (and not left), for WaitForJoinedAsync: the
                // page's own start-up code joins them, and a test waits for that.
                const join = thywill.join, leave = thywill.leave;
                thywill.join = (channel, options) => join.call(thywill, channel, options).then(r => { window.__joined.add(String(channel)); return r; });
                thywill.leave = (channel) => leave.call(thywill, channel).then(r => { window.__joined.delete(String(channel)); return r; });
            });
            """);
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

    /// <summary>Calls <c>thywill.join</c>; returns its result, or the error's code.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="options">Join options (<c>{ history, info }</c>), or <see langword="null"/>.</param>
    public Task<JsonElement> JoinAsync(string channel, object? options = null) =>
        Page.EvaluateAsync<JsonElement>(
            "async ([channel, options]) => { try { return { ok: true, ...(await thywill.join(channel, options || undefined)) }; } catch (e) { return { ok: false, code: e.code, message: e.message }; } }",
            new object?[] { channel, options });

    /// <summary>Calls <c>thywill.publish</c>; returns its result, or the error's code.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="data">The message.</param>
    public Task<JsonElement> PublishAsync(string channel, object? data) =>
        Page.EvaluateAsync<JsonElement>(
            "async ([channel, data]) => { try { return { ok: true, ...(await thywill.publish(channel, data)) }; } catch (e) { return { ok: false, code: e.code, message: e.message }; } }",
            new object?[] { channel, data });

    /// <summary>Waits until <c>thywill.state</c> is <paramref name="state"/>.</summary>
    /// <param name="state">For example <c>ready</c> or <c>reconnecting</c>.</param>
    /// <param name="timeoutMs">How long to wait.</param>
    public Task WaitForStateAsync(string state, float timeoutMs = 15_000) =>
        Page.WaitForFunctionAsync("s => thywill.state === s", state, new PageWaitForFunctionOptions { Timeout = timeoutMs });

    /// <summary>
    /// Cuts this tab off: the server drops its connection and the browser cannot reach the circuit
    /// hub again, so it stays away (reconnecting) until <see cref="RestoreAsync"/>.
    /// </summary>
    /// <param name="host">The host it is connected to.</param>
    public async Task CutOffAsync(ThywillTestHost host)
    {
        await Page.Context.RouteAsync("**/_blazor/negotiate**", route => route.AbortAsync());
        var directory = (Thywill.Blazor.Clients.IClientDirectory)host.Services.GetService(typeof(Thywill.Blazor.Clients.IClientDirectory))!;
        if (!directory.DropConnection(ClientId))
        {
            throw new InvalidOperationException($"Client {ClientId} has no connection to drop.");
        }

        await WaitForStateAsync("reconnecting");
    }

    /// <summary>Brings a cut-off tab back online and waits until it is ready again.</summary>
    public async Task RestoreAsync()
    {
        await Page.Context.UnrouteAsync("**/_blazor/negotiate**");
        await WaitForStateAsync("ready", 30_000);
    }

    /// <summary>
    /// Waits until the page has joined <paramref name="channel"/> (a <c>thywill.join</c> of its own
    /// code, or of the test, has been answered, and no leave since): an app that joins at start-up is
    /// then ready for a test to publish to.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="timeoutMs">How long to wait; a <see cref="TimeoutException"/> after.</param>
    public Task WaitForJoinedAsync(string channel, float timeoutMs = 15_000) =>
        Page.WaitForFunctionAsync("c => window.__joined && window.__joined.has(c)", channel, new PageWaitForFunctionOptions { Timeout = timeoutMs });

    /// <summary>Waits until at least <paramref name="count"/> messages of <paramref name="channel"/> have arrived; returns them all.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="count">How many, history included.</param>
    /// <param name="timeoutMs">How long to wait; a <see cref="TimeoutException"/> after.</param>
    public async Task<(long Offset, string Text)[]> WaitForMessagesAsync(string channel, int count, float timeoutMs = 15_000)
    {
        await Page.WaitForFunctionAsync(
            "([c, n]) => window.__received.filter(m => m.channel === c).length >= n",
            new object[] { channel, count },
            new PageWaitForFunctionOptions { Timeout = timeoutMs });
        return await ReceivedInAsync(channel);
    }

    /// <summary>The data of the messages received in one channel, in arrival order.</summary>
    /// <param name="channel">The channel.</param>
    public async Task<(long Offset, string Text)[]> ReceivedInAsync(string channel) =>
        (await ReceivedAsync())
            .Where(m => m.GetProperty("channel").GetString() == channel)
            .Select(m => (m.GetProperty("offset").GetInt64(), m.GetProperty("data").ValueKind == JsonValueKind.String ? m.GetProperty("data").GetString()! : m.GetProperty("data").GetRawText()))
            .ToArray();

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
