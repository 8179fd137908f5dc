using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using Thywill.Blazor.Samples.Poll;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Docs;

/// <summary>
/// The JavaScript guide's poll, exactly as the guide quotes it (docs/samples/.../Poll, wwwroot/poll),
/// run in Chromium: votes tallied on every page, a changed vote counted once, a forged vote refused
/// by the application's hook, the tally rebuilt from history on a new page, a reload and a restart.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PollGuideTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    private const string Channel = "poll:lunch";

    [Fact]
    public Task Votes_AreTalliedEverywhere_AForgedVoteIsRefused_AndTheTallyComesBackFromHistory() => RunAsync(async newContext =>
    {
        var host = await ThywillTestHost.StartAsync<Program>(services: s => s.AddThywillApplication<PollApplication>());
        try
        {
            var ann = await OpenAsync(await newContext(), host);
            var bob = await OpenAsync(await newContext(), host);

            await ann.Page.ClickAsync(".poll-vote[data-choice=tea]");
            await bob.Page.ClickAsync(".poll-vote[data-choice=coffee]");
            await Expect(Count(ann, "tea")).ToHaveTextAsync("1");
            await Expect(Count(ann, "coffee")).ToHaveTextAsync("1");

            // Bob changes his mind: his latest vote is the one that counts.
            await bob.Page.ClickAsync(".poll-vote[data-choice=tea]");
            await Expect(Count(ann, "tea")).ToHaveTextAsync("2");
            await Expect(Count(ann, "coffee")).ToHaveTextAsync("0");
            await Expect(bob.Page.Locator(".poll-vote.poll-mine")).ToHaveAttributeAsync("data-choice", "tea");

            // A vote the poll does not offer is refused by AuthorizeChannelAsync, and changes nothing.
            var forged = await ann.PublishAsync(Channel, new { choice = "beer" });
            Assert.Equal("no-permission", forged.GetProperty("code").GetString());

            // A new page rebuilds the tally from the channel's history; so does a reloaded one.
            var cy = await OpenAsync(await newContext(), host);
            await Expect(Count(cy, "tea")).ToHaveTextAsync("2");
            await Expect(Count(cy, "coffee")).ToHaveTextAsync("0");
            await bob.ReloadAsync();
            await Expect(Count(bob, "tea")).ToHaveTextAsync("2");
            Assert.Equal(3, (await bob.ReceivedInAsync(Channel)).Length);

            // The votes are archived: a restarted server still has them.
            host = await host.RestartAsync();
            var dan = await OpenAsync(await newContext(), host);
            await Expect(Count(dan, "tea")).ToHaveTextAsync("2");
        }
        finally
        {
            await host.DisposeAsync();
        }
    });

    private static async Task<ThywillPage> OpenAsync(IBrowserContext context, ThywillTestHost host)
    {
        await SampleAssets.ServeAsync(context);
        var page = await ThywillPage.OpenAsync(context, host.AppUrl(PollApplication.Id));
        await page.WaitForJoinedAsync(Channel);
        return page;
    }

    private static ILocator Count(ThywillPage page, string choice) => page.Page.Locator($".poll-count[data-choice={choice}]");
}
