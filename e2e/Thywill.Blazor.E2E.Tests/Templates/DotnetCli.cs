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
        var (process, output) = Start(folder, args, onLine: null);
        using (process)
        {
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"dotnet {string.Join(' ', args)} in {folder} did not finish in {Limit.TotalMinutes} minutes:\n{output.Tail}");
            }

            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} in {folder} exited {process.ExitCode}:\n{output.Tail}");
            return output.Text;
        }
    }

    /// <summary>
    /// Starts <c>dotnet args</c> (a server) in <paramref name="folder"/> and waits until a line of
    /// its output matches <paramref name="ready"/>; dispose the result to stop it and its children.
    /// </summary>
    public static async Task<RunningDotnet> StartAsync(string folder, System.Text.RegularExpressions.Regex ready, params string[] args)
    {
        var matched = new TaskCompletionSource<System.Text.RegularExpressions.Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (process, output) = Start(folder, args, line =>
        {
            if (ready.Match(line) is { Success: true } match)
            {
                matched.TrySetResult(match);
            }
        });
        var running = new RunningDotnet(process);
        var first = await Task.WhenAny(matched.Task, process.WaitForExitAsync(), Task.Delay(Limit));
        if (first != matched.Task)
        {
            running.Dispose();
            Assert.Fail($"dotnet {string.Join(' ', args)} in {folder} never printed a line matching {ready}:\n{output.Tail}");
        }

        running.Ready = await matched.Task;
        return running;
    }

    // Starts the process with both of its streams read into one output, line by line.
    private static (Process Process, Output Output) Start(string folder, string[] args, Action<string>? onLine)
    {
        var process = Process.Start(StartInfo(folder, args))!;
        var output = new Output(onLine);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
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

    /// <summary>What a process printed, both streams, as the lines come (from two threads).</summary>
    private sealed class Output(Action<string>? onLine)
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        /// <summary>The last 6,000 characters, for a failure message.</summary>
        public string Tail
        {
            get
            {
                var text = Text;
                return text.Length > 6000 ? "…" + text[^6000..] : text;
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
            }

            onLine?.Invoke(line);
        }
    }
}
