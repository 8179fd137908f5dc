using System.Text.RegularExpressions;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Tests.Architecture;

/// <summary>
/// Core's public surface is what <c>docs/architecture.md</c> lists, no more and no less: a type made
/// public by accident fails here, and so does a listed type that went away.
/// </summary>
public sealed partial class PublicSurfaceTests
{
    [Fact]
    public void CorePublicTypes_AreExactlyTheListedOnes()
    {
        var exported = typeof(ThywillApplication).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested)
            .Select(t => Backticks().Replace(t.Name, ""))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var listed = ListedTypes().Order(StringComparer.Ordinal).ToArray();

        Assert.True(
            listed.SequenceEqual(exported),
            $"docs/architecture.md lists {listed.Length} public types, Core exports {exported.Length}.\n"
            + $"Exported, not listed: {string.Join(", ", exported.Except(listed))}\n"
            + $"Listed, not exported: {string.Join(", ", listed.Except(exported))}");
    }

    // The rows of the table between the public-types markers: | `Name` | … |
    private static IEnumerable<string> ListedTypes()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var start = text.IndexOf("<!-- public-types -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- /public-types -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/architecture.md has no <!-- public-types --> section.");
        return Row().Matches(text[start..end]).Select(m => m.Groups["name"].Value);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Thywill.Blazor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Thywill.Blazor.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z0-9_]+)(<[^`]*>)?` \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"`\d+$")]
    private static partial Regex Backticks();
}
