using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>
/// The Host's <c>dotnet publish</c> output, started as its own process in the Production environment
/// on a free loopback port. Uses the folder in <c>THYWILL_PUBLISHED_HOST</c> when set (CI publishes
/// once), else publishes into a temp folder first.
/// </summary>
public sealed class PublishedHost : IAsyncLifetime
{
    private Process? _process;
    private string _workFolder = "";
    private readonly System.Text.StringBuilder _output = new();

    /// <summary>The address the host listens on.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>What the host printed so far.</summary>
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

    /// <summary>The URL of an application's init page.</summary>
    /// <param name="applicationId">The application id.</param>
    public string AppUrl(string applicationId) => new Uri(BaseAddress, "thywill/init/" + applicationId).ToString();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _workFolder = Directory.CreateTempSubdirectory("thywill-published-").FullName;
        var publishFolder = Environment.GetEnvironmentVariable("THYWILL_PUBLISHED_HOST") is { Length: > 0 } given
            ? given
            : await PublishAsync(Path.Combine(_workFolder, "publish"));

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", ["Thywill.Blazor.Host.dll", "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = publishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Thywill__Database__ConnectionString"] = "Data Source=" + Path.Combine(_workFolder, "thywill.db");
        start.Environment["Thywill__Drain__Delay"] = "00:00:00";
        start.Environment["Logging__Folder"] = Path.Combine(_workFolder, "logs");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The published host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The published host did not answer within 60 s:\n" + Output);
            }

            await Task.Delay(250);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
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

    private static string RepositoryRoot()
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
