using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;
using Thywill.Blazor.Samples.Shout;
using static Microsoft.Playwright.Assertions;

namespace Thywill.Blazor.E2E.Docs;

/// <summary>The guides quote code that compiles and runs: every marked sample is checked against its file, and the first JS app runs.</summary>
[Collection(E2ECollection.Name)]
public sealed partial class GuideTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<string> Guides => new(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Guides))]
    public void MarkedSamples_AreQuotedExactly_FromFilesThatBuild(string guide)
    {
        var text = Normalize(File.ReadAllText(Path.Combine(Root, "docs", guide)));

        foreach (Match snippet in SnippetPattern().Matches(text))
        {
            var file = Path.Combine(Root, snippet.Groups["path"].Value);
            Assert.True(File.Exists(file), $"{guide}: the sample file {snippet.Groups["path"].Value} does not exist.");
            var source = Normalize(File.ReadAllText(file));
            Assert.True(source.Contains(snippet.Groups["code"].Value, StringComparison.Ordinal), $"{guide}: the sample quoted from {snippet.Groups["path"].Value} differs from the file.");
        }
    }

    [Fact]
    public void TheJavaScriptGuide_QuotesItsWholeFirstApp()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "js-apps.md"));

        Assert.Contains("snippet: docs/samples/Thywill.Blazor.Samples/Shout/ShoutApplication.cs", text, StringComparison.Ordinal);
        Assert.Contains("snippet: docs/samples/Thywill.Blazor.Samples/wwwroot/shout/shout.js", text, StringComparison.Ordinal);
    }

    [Fact]
    public Task FirstJavaScriptApp_FromTheGuide_Runs() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(services: s => s.AddThywillApplication<ShoutApplication>());
        var ann = await OpenShoutAsync(await newContext(), host);
        var bob = await OpenShoutAsync(await newContext(), host);

        await ann.Page.FillAsync("#shout-text", "hello");
        await ann.Page.ClickAsync("#shout-send");
        await Expect(bob.Page.Locator("#shout-log li")).ToHaveTextAsync(["HELLO"]);
        await Expect(ann.Page.Locator("#shout-log li")).ToHaveTextAsync(["HELLO"]);

        await ann.Page.FillAsync("#shout-text", "  ");
        await ann.Page.ClickAsync("#shout-send");
        await Expect(ann.Page.Locator("#shout-error")).ToHaveTextAsync("rejected: Say something.");
    });

    private static async Task<ThywillPage> OpenShoutAsync(IBrowserContext context, ThywillTestHost host)
    {
        await SampleAssets.ServeAsync(context);
        return await ThywillPage.OpenAsync(context, host.AppUrl("shout"));
    }

    // Indentation may differ (a method quoted out of its class); everything else must match.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()));

    [GeneratedRegex(@"<!-- snippet: (?<path>[^ ]+) -->\n```[a-z]*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();
}
