namespace Thywill.Blazor.E2E.Kit;

/// <summary>Where this repository's checkout is, seen from the test assembly.</summary>
public static class Repository
{
    /// <summary>The folder holding Thywill.Blazor.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>The build configuration the tests were built in (Release under test.sh).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Thywill.Blazor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Thywill.Blazor.sln was not found above the test assembly.");
    }
}
