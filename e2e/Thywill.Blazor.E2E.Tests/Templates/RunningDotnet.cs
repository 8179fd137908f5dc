using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Thywill.Blazor.E2E.Templates;

/// <summary>A dotnet process the test started (<see cref="DotnetCli.StartAsync"/>); disposing it stops it and its children.</summary>
public sealed class RunningDotnet(Process process) : IDisposable
{
    /// <summary>The output line that said it was ready.</summary>
    public Match Ready { get; internal set; } = Match.Empty;

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
