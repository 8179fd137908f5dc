using System.Diagnostics;
using System.Text;

namespace Thywill.Blazor.E2E.Templates;

/// <summary>
/// Runs the dotnet CLI as a newcomer would, with the machine's own NuGet settings and package folder
/// (nothing is downloaded that a restore already has). <c>dotnet new</c> gets a template registry
/// of its own (<c>--debug:custom-hive</c>), so the user's installed templates are left alone.
/// </summary>
public sealed class DotnetCli(string hive)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    /// <summary>The machine's global packages folder (what NUGET_PACKAGES says, else ~/.nuget/packages).</summary>
    public static string GlobalPackages { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Runs <c>dotnet new args</c> against this registry of templates.</summary>
    public Task<string> NewAsync(string folder, params string[] args) =>
        RunAsync(folder, ["new", .. args, "--debug:custom-hive", hive]);

    /// <summary>Runs <c>dotnet args</c> in <paramref name="folder"/>; fails the test, with the output's end, unless it exits 0.</summary>
    public async Task<string> RunAsync(string folder, params string[] args)
    {
        using var process = Process.Start(StartInfo(folder, args))!;
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} in {folder} did not finish in {Limit.TotalMinutes} minutes:\n{Tail(output)}");
        }

        process.WaitForExit();
        string text;
        lock (lines)
        {
            text = output.ToString();
        }

        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} in {folder} exited {process.ExitCode}:\n{Tail(text)}");
        return text;
    }

    /// <summary>
    /// Starts <c>dotnet args</c> (a server) in <paramref name="folder"/> and waits until a line of
    /// its output matches <paramref name="ready"/>; dispose the result to stop it and its children.
    /// </summary>
    public static async Task<RunningDotnet> StartAsync(string folder, System.Text.RegularExpressions.Regex ready, params string[] args)
    {
        var process = Process.Start(StartInfo(folder, args))!;
        var output = new StringBuilder();
        var matched = new TaskCompletionSource<System.Text.RegularExpressions.Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ready.Match(line) is { Success: true } match)
            {
                matched.TrySetResult(match);
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new RunningDotnet(process);
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(matched.Task, exited, Task.Delay(Limit));
        if (first != matched.Task)
        {
            running.Dispose();
            lock (output)
            {
                Assert.Fail($"dotnet {string.Join(' ', args)} in {folder} never printed a line matching {ready}:\n{Tail(output)}");
            }
        }

        running.Ready = await matched.Task;
        return running;
    }

    private static ProcessStartInfo StartInfo(string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No MSBuild nodes left behind by the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return start;
    }

    private static string Tail(object output)
    {
        var text = output.ToString()!;
        return text.Length > 6000 ? "…" + text[^6000..] : text;
    }
}
