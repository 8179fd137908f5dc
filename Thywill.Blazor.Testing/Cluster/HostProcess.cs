using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Thywill.Blazor.Testing;

/// <summary>
/// The Host's <c>dotnet publish</c> output run as a process of its own on a loopback port, with
/// settings given as environment variables. It can be killed as a machine dies (kill -9) and started
/// again on the same port. The published folder is <c>THYWILL_PUBLISHED_HOST</c> when set (CI
/// publishes once), else a publish made on first use.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private static string? _published;

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private HostProcess(int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _environment = environment;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The address it listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the host printed so far, over all its starts.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host on a free port and waits until it serves <paramref name="ready"/>.</summary>
    /// <param name="environment">Environment variables (settings, e.g. <c>Thywill__Engine__Provider</c>).</param>
    /// <param name="ready">A path that answers 200 once the host serves.</param>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string ready = "/")
    {
        var host = new HostProcess(FreePort(), environment);
        await host.StartAgainAsync(ready);
        return host;
    }

    /// <summary>Starts the (stopped) host again on the same port.</summary>
    public async Task StartAgainAsync(string ready = "/")
    {
        var folder = await PublishedFolderAsync();
        var start = new ProcessStartInfo("dotnet", ["Thywill.Blazor.Host.dll", "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _process?.Dispose();
        _process = Process.Start(start)!;
        var process = _process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host on port {Port} exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(ready)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host on port {Port} did not answer within 90 s:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Kills the process at once, as a machine that dies (no drain, no goodbye).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Sends SIGTERM, as an orchestrator does in a rolling restart, and returns at once: the node
    /// drains (not ready, its pages asked to move) and stops by itself. See <see cref="WaitForExitAsync"/>.
    /// </summary>
    public async Task TerminateAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    /// <param name="timeout">How long it may take.</param>
    /// <exception cref="TimeoutException">It was still running after <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The host was never started.");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The host on port {Port} had not stopped after {timeout.TotalSeconds:0} s:\n{Output}");
        }

        return process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    /// <summary>The published Host's folder: <c>THYWILL_PUBLISHED_HOST</c>, else published once per test run.</summary>
    public static async Task<string> PublishedFolderAsync()
    {
        if (Environment.GetEnvironmentVariable("THYWILL_PUBLISHED_HOST") is { Length: > 0 } given)
        {
            return given;
        }

        await PublishGate.WaitAsync();
        try
        {
            return _published ??= await PublishAsync(Path.Combine(Directory.CreateTempSubdirectory("thywill-published-").FullName, "publish"));
        }
        finally
        {
            PublishGate.Release();
        }
    }

    /// <summary>A port free on the loopback interface now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository's root folder (the one holding the solution).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Thywill.Blazor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Thywill.Blazor.sln was not found above " + AppContext.BaseDirectory);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<string> PublishAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "Thywill.Blazor.Host", "Thywill.Blazor.Host.csproj");
        var publish = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(publish)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}\n{await stderr}");
        }

        return output;
    }
}
