using System.Reflection;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Tests.Kit;

/// <summary>
/// The Host in its own process (so that its heap and its runtime are its own), from the build these
/// tests were built with, as the benchmarks run it.
/// </summary>
internal static class OwnServer
{
    /// <summary>Starts the Host with <paramref name="settings"/> over the benchmarks' defaults.</summary>
    public static Task<ServerProcess> StartAsync(string log, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken) =>
        StartAsync(ServerKind.Thywill, log, settings, cancellationToken);

    /// <summary>Starts one of the benchmarks' servers.</summary>
    public static Task<ServerProcess> StartAsync(ServerKind kind, string log, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var configuration = typeof(OwnServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return ServerProcess.StartAsync(kind, RepositoryRoot(), log, settings, configuration, cancellationToken);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Thywill.Blazor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository.");
    }
}
