using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Docs;

// The first test of docs/testing-apps.md, quoted there verbatim.
[Collection(E2ECollection.Name)]
public sealed class FirstAppTests(BrowserFixture browser, ThywillHostFixture<Program> fixture) : ThywillBrowserTest(browser), IClassFixture<ThywillHostFixture<Program>>
{
    [Fact]
    public Task Echo_ComesBack_ToTheSenderOnly() => RunAsync(async newContext =>
    {
        var ann = await ThywillPage.OpenAsync(await newContext(), fixture.Host.AppUrl("echo"));
        var bob = await ThywillPage.OpenAsync(await newContext(), fixture.Host.AppUrl("echo"));

        Assert.True((await ann.SendAsync("hi")).Ok);

        await ann.WaitForMessageAsync("m => m.data === 'hi'");
        Assert.Empty(await bob.ReceivedAsync());
    });
}
