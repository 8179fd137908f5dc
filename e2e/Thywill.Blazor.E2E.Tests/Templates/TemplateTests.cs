using System.Text.RegularExpressions;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Templates;

/// <summary>
/// The newcomer's path, run: <c>dotnet new</c> from the packed templates, build warning-free (outside
/// any repository with the framework as packages, and inside this one under its central package
/// management with the framework as projects), and the created test project's sample tests pass in
/// real Chromium against the created host.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class TemplateTests(TemplatePackages packages) : IClassFixture<TemplatePackages>
{
    /// <summary>
    /// docs/getting-started.md's steps, run as written (the packages folder is this run's feed): the
    /// JavaScript and Razor applications and their tests, outside any repository, and the host served.
    /// </summary>
    [Fact]
    public async Task GettingStarted_TheGuidesSteps_RunAsWritten()
    {
        var steps = GuideSteps();
        Assert.Contains(steps, s => s.StartsWith("dotnet run", StringComparison.Ordinal));
        var folder = packages.NewEmptyFolderOutside("guide");
        var tested = new List<string>();
        foreach (var step in steps.Select(s => s.Replace("~/thywill-packages", packages.Feed, StringComparison.Ordinal)))
        {
            var words = step.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["mkdir", var name, "&&", "cd", var again] when name == again:
                    folder = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
                    break;
                case ["dotnet", "new", .. var rest]:
                    await packages.Cli.NewAsync(folder, rest);
                    if (rest is [var template, "-n", var created, ..] && template.StartsWith("thywill-", StringComparison.Ordinal))
                    {
                        // The framework comes from the packages: a project reference could not resolve here.
                        Assert.Contains(packages.Version, File.ReadAllText(Path.Combine(folder, created, created + ".csproj")), StringComparison.Ordinal);
                    }

                    break;
                case ["dotnet", "test", var project]:
                    var output = await packages.Cli.RunAsync(folder, "test", project);
                    Assert.DoesNotContain(": warning ", output, StringComparison.Ordinal);
                    AssertPassed(output);
                    tested.Add(project);
                    break;
                case ["dotnet", "run", "--project", var project]:
                    await ServesAsync(folder, project);
                    break;
                case ["dotnet", "nuget", .. var rest]:
                    await packages.Cli.RunAsync(folder, ["nuget", .. rest]);
                    break;
                default:
                    Assert.Fail($"docs/getting-started.md has a step this test does not know how to run: {step}");
                    break;
            }
        }

        Assert.Equal(["Poll.Tests", "Counter.Tests"], tested);
    }

    [Fact]
    public async Task InsideTheRepository_EveryTemplate_BuildsWarningFreeUnderCentralPackageManagement_AndTheSampleTestsPass()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Repository.Root, $".template-check-{packages.Version}")).FullName;
        try
        {
            await packages.Cli.NewAsync(folder, "thywill-js", "-n", "Poll");
            await packages.Cli.NewAsync(folder, "thywill-tests", "-n", "Poll.Tests");
            await packages.Cli.NewAsync(folder, "thywill-razor", "-n", "Counter", "--app-id", "shared-counter");
            await packages.Cli.NewAsync(folder, "thywill-tests", "-n", "Counter.Tests", "--app-id", "shared-counter");
            await packages.Cli.NewAsync(folder, "thywill-js", "-n", "PollLibrary", "--library");
            await packages.Cli.NewAsync(folder, "thywill-razor", "-n", "CounterLibrary", "--library");

            // A library has no host of its own: an existing host (Thywill.Blazor.Host) references it.
            Assert.False(File.Exists(Path.Combine(folder, "PollLibrary", "Program.cs")));
            Assert.Contains("_content/PollLibrary/polllibrary.js", File.ReadAllText(Path.Combine(folder, "PollLibrary", "PollLibraryApplication.cs")), StringComparison.Ordinal);
            Assert.Contains("\"shared-counter\"", File.ReadAllText(Path.Combine(folder, "Counter", "CounterApplication.cs")), StringComparison.Ordinal);

            await BuildAsync(folder, "PollLibrary");
            await BuildAsync(folder, "CounterLibrary");
            await BuildAndTestAsync(folder, "Poll.Tests");
            await BuildAndTestAsync(folder, "Counter.Tests");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task BuildAndTestAsync(string folder, string tests)
    {
        await BuildAsync(folder, tests);
        AssertPassed(await packages.Cli.RunAsync(Path.Combine(folder, tests), "test", "-c", "Release", "--no-build"));
    }

    // The created host serves its application's page, its script and the framework's.
    private static async Task ServesAsync(string folder, string project)
    {
        using var server = await DotnetCli.StartAsync(folder, ListeningOn(), "run", "--project", project, "--", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = new Uri(server.Ready.Groups["url"].Value) };
        var id = project.ToLowerInvariant();
        var page = await http.GetStringAsync($"/thywill/init/{id}");
        Assert.Contains($"src=\"{id}.js\"", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"/{id}.js")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/_content/Thywill.Blazor.Core/thywill.js")).StatusCode);
        using var root = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress }.GetAsync("/");
        Assert.Equal($"/thywill/init/{id}", root.Headers.Location?.OriginalString);
    }

    private static List<string> GuideSteps()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "getting-started.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var block = GuideBlock().Match(text);
        Assert.True(block.Success, "docs/getting-started.md has no <!-- steps: getting-started --> block.");
        return block.Groups["steps"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static void AssertPassed(string output)
    {
        var totals = TestTotals().Match(output);
        Assert.True(totals.Success, $"No totals in the output of dotnet test:\n{output}");
        Assert.Equal("0", totals.Groups["failed"].Value);
        Assert.True(int.Parse(totals.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, output);
    }

    private async Task BuildAsync(string folder, string project)
    {
        var output = await packages.Cli.RunAsync(Path.Combine(folder, project), "build", "-c", "Release", "-nodeReuse:false", "-consoleLoggerParameters:Summary");
        Assert.Matches(NoWarnings(), output);
    }

    [GeneratedRegex(@"<!-- steps: getting-started -->\n```bash\n(?<steps>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex GuideBlock();

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"\b0 Warning\(s\)")]
    private static partial Regex NoWarnings();

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+)")]
    private static partial Regex TestTotals();
}
