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
    [Theory]
    [InlineData("thywill-js", "Poll")]
    [InlineData("thywill-razor", "Counter")]
    public async Task OutsideTheRepository_TheAppAndItsTests_BuildWarningFree_AndTheSampleTestsPass(string template, string name)
    {
        var folder = packages.NewFolderOutside(name);
        await packages.Cli.NewAsync(folder, template, "-n", name);
        await packages.Cli.NewAsync(folder, "thywill-tests", "-n", name + ".Tests");

        // The framework comes from the packages (a project reference could not resolve here).
        Assert.Contains($"Include=\"Thywill.Blazor.Core\" Version=\"$(ThywillVersion)\"", File.ReadAllText(Path.Combine(folder, name, name + ".csproj")), StringComparison.Ordinal);
        Assert.Contains(packages.Version, File.ReadAllText(Path.Combine(folder, name, name + ".csproj")), StringComparison.Ordinal);

        await BuildAndTestAsync(folder, name + ".Tests");
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
        var output = await packages.Cli.RunAsync(Path.Combine(folder, tests), "test", "-c", "Release", "--no-build");
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

    [GeneratedRegex(@"\b0 Warning\(s\)")]
    private static partial Regex NoWarnings();

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+)")]
    private static partial Regex TestTotals();
}
