using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Hosting;

/// <summary><c>thywill.d.ts</c> ships with Core and declares every member of the running <c>thywill</c>.</summary>
[Collection(E2ECollection.Name)]
public sealed partial class TypeDeclarationTests(BrowserFixture browser, HostFixture fixture) : ThywillBrowserTest(browser), IClassFixture<HostFixture>
{
    [Fact]
    public Task EveryRuntimeMember_IsDeclared() => RunAsync(async newContext =>
    {
        var tab = await ThywillPage.OpenAsync(await newContext(), fixture.Host.AppUrl("echo"));
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var declarations = await http.GetStringAsync("_content/Thywill.Blazor.Core/thywill.d.ts");
        var declared = MemberPattern().Matches(declarations).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        var members = await tab.Page.EvaluateAsync<string[]>(
            """
            () => {
                const names = [];
                const nested = ['push', 'send', 'application', 'bootstrap'];
                for (const key of Object.keys(thywill)) {
                    if (key.startsWith('_')) continue;
                    names.push(key);
                    if (nested.includes(key)) {
                        for (const inner of Object.keys(thywill[key])) names.push(key + '.' + inner);
                    }
                }
                return names;
            }
            """);

        Assert.Contains("send.fn", members);
        Assert.Contains("join", members);
        var undeclared = members.Where(m => !m.Split('.').All(declared.Contains)).ToArray();
        Assert.True(undeclared.Length == 0, "Not declared in thywill.d.ts: " + string.Join(", ", undeclared));
    });

    [GeneratedRegex(@"^\s*(?:readonly\s+)?(?<name>[A-Za-z_]\w*)\??\s*[:(<]", RegexOptions.Multiline)]
    private static partial Regex MemberPattern();
}
