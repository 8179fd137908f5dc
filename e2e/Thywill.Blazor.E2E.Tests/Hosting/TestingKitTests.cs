using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary>
/// The testing kit as a test project outside this repository uses it: its own host fixture on the
/// host's <c>Program</c>, its collection of browser fixtures, and pages that wait for an app's joins
/// and for a number of messages.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TestingKitTests(BrowserFixture browser, TestingKitTests.Fixture host) : ThywillBrowserTest(browser), IClassFixture<TestingKitTests.Fixture>
{
    /// <summary>The kit's fixture, with settings of its own.</summary>
    public sealed class Fixture : ThywillHostFixture<Program>
    {
        /// <inheritdoc />
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Thywill:Applications:relay:Channels:0:HistorySize"] = "2" };
    }

    [Fact]
    public Task WaitForJoinedAndForMessages_SeeTheJoinAndTheMessages_AndTheFixturesSettingsHold() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), host.Host.AppUrl("relay"));
        var bob = await ThywillPage.OpenAsync(await newContext(), host.Host.AppUrl("relay"));

        // Ann's page joins by itself (as an app's start-up code does); the test only waits for it.
        await ann.Page.EvaluateAsync("() => { setTimeout(() => thywill.join('room:kit'), 300); }");
        await ann.WaitForJoinedAsync("room:kit");
        Assert.True((await bob.JoinAsync("room:kit")).GetProperty("ok").GetBoolean());
        foreach (var text in new[] { "one", "two", "three" })
        {
            Assert.True((await bob.PublishAsync("room:kit", text)).GetProperty("ok").GetBoolean());
        }

        var received = await ann.WaitForMessagesAsync("room:kit", 3);
        Assert.Equal(["one", "two", "three"], received.Select(m => m.Text));

        // The fixture's setting: the room keeps two, so a newcomer's history is the last two.
        var carol = await ThywillPage.OpenAsync(await newContext(), host.Host.AppUrl("relay"));
        Assert.True((await carol.JoinAsync("room:kit", new { history = true })).GetProperty("ok").GetBoolean());
        Assert.Equal(["two", "three"], (await carol.WaitForMessagesAsync("room:kit", 2)).Select(m => m.Text));

        // A page that left is no longer joined; a refused join never was.
        await ann.Page.EvaluateAsync("() => thywill.leave('room:kit')");
        await Assert.ThrowsAsync<TimeoutException>(() => ann.WaitForJoinedAsync("room:kit", 500));
        await ann.Page.EvaluateAsync("() => thywill.join('nowhere').catch(() => {})");
        await Assert.ThrowsAsync<TimeoutException>(() => ann.WaitForJoinedAsync("nowhere", 500));
    });
}
