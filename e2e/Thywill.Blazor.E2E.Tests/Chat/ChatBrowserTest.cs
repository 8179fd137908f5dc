using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.Channels;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Chat;

/// <summary>What every chat test class shares: the host, its channels, and one traced run per test.</summary>
/// <param name="browser">The shared browser.</param>
/// <param name="fixture">The class's chat host.</param>
public abstract class ChatBrowserTest(BrowserFixture browser, ChatHostFixture fixture)
{
    /// <summary>The host.</summary>
    protected ThywillTestHost Host => fixture.Host;

    /// <summary>Chat's channels on the host, to check what the server holds.</summary>
    protected IThywillChannels Channels => Host.Services.GetRequiredService<Thywill.Blazor.Hosting.IThywillServer>().Channels(ChatApplication.Id);

    /// <summary>A tab's channels but its person's (every tab is a member of its person's channel, <c>person:{id}</c>).</summary>
    /// <param name="clientId">The tab's client id.</param>
    protected async Task<IReadOnlyList<string>> ConversationChannelsAsync(string clientId) =>
        [.. (await Channels.GetChannelsAsync(clientId)).Where(c => !c.StartsWith("person:", StringComparison.Ordinal))];

    /// <summary>Runs a test with new browser contexts on demand, keeping a trace and screenshots if it fails.</summary>
    /// <param name="test">The test body.</param>
    /// <param name="name">The test's name, for its artifacts.</param>
    protected Task RunAsync(Func<Func<Task<IBrowserContext>>, Task> test, [CallerMemberName] string name = "") =>
        Artifacts.RunAsync(browser.Browser, name, test);

    /// <summary>The error code of a <c>thywill.join</c>/<c>publish</c> result, or <see langword="null"/> when it succeeded.</summary>
    /// <param name="result">The result.</param>
    protected static string? Code(JsonElement result) =>
        result.GetProperty("ok").GetBoolean() ? null : result.GetProperty("code").GetString();
}
