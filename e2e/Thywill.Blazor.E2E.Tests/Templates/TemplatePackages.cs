using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Templates;

/// <summary>
/// The framework as a newcomer gets it: Thywill.Blazor.Core, .Testing and .Templates packed from this
/// build (under a version of their own, so no cached copy stands in) into a folder feed, and the
/// templates installed from it with <c>dotnet new install</c>. Removed again afterwards, cached
/// copies included.
/// </summary>
public sealed class TemplatePackages : IAsyncLifetime
{
    private static readonly string[] Packed = ["Thywill.Blazor.Core", "Thywill.Blazor.Testing", "Thywill.Blazor.Templates"];

    private readonly string _work = Directory.CreateTempSubdirectory("thywill-templates-").FullName;

    /// <summary>The packages' version: 0.1.0-check.{time}.</summary>
    public string Version { get; } = $"0.1.0-check.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(100, 1000)}";

    /// <summary>The folder feed the packages are in.</summary>
    public string Feed => Path.Combine(_work, "feed");

    /// <summary>The CLI, with the templates installed.</summary>
    public DotnetCli Cli { get; private set; } = default!;

    /// <summary>A new empty folder outside the repository.</summary>
    public string NewEmptyFolderOutside(string name) => Directory.CreateDirectory(Path.Combine(_work, name)).FullName;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Cli = new DotnetCli(Path.Combine(_work, "hive"));
        var projects = new[]
        {
            Path.Combine(Repository.Root, "Thywill.Blazor.Core", "Thywill.Blazor.Core.csproj"),
            Path.Combine(Repository.Root, "Thywill.Blazor.Testing", "Thywill.Blazor.Testing.csproj"),
            Path.Combine(Repository.Root, "templates", "Thywill.Blazor.Templates.csproj"),
        };
        foreach (var project in projects)
        {
            // --no-build: the packages hold exactly what the suite built and tested.
            await Cli.RunAsync(Repository.Root, "pack", project, "-c", Repository.Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}");
        }

        await Cli.NewAsync(_work, "install", Path.Combine(Feed, $"Thywill.Blazor.Templates.{Version}.nupkg"));
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        foreach (var package in Packed)
        {
            var cached = Path.Combine(DotnetCli.GlobalPackages, package.ToLowerInvariant(), Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }

        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}
