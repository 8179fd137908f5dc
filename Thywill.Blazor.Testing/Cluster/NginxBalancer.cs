using System.Diagnostics;

namespace Thywill.Blazor.Testing;

/// <summary>
/// nginx on a free loopback port in front of some nodes, configured from the shipped
/// <c>deploy/nginx.conf.template</c> (so the tests check the configuration users get). Its files are
/// in a folder of its own under /tmp, removed on dispose.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxBalancer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The balancer's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Its error log so far (for failure messages).</summary>
    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    /// <summary>Starts nginx in front of <paramref name="nodePorts"/>.</summary>
    public static async Task<NginxBalancer> StartAsync(IEnumerable<int> nodePorts)
    {
        var nginx = Environment.GetEnvironmentVariable("THYWILL_NGINX") is { Length: > 0 } given ? given : "/usr/sbin/nginx";
        if (!File.Exists(nginx))
        {
            throw new InvalidOperationException($"nginx is not installed ({nginx}): run ./test.sh as root (it installs it), apt-get install -y nginx, or set THYWILL_NGINX.");
        }

        var folder = Directory.CreateTempSubdirectory("thywill-nginx-").FullName;
        var port = HostProcess.FreePort();
        var template = await File.ReadAllTextAsync(Path.Combine(HostProcess.RepositoryRoot(), "deploy", "nginx.conf.template"));
        var configuration = template
            .Replace("@DIR@", folder, StringComparison.Ordinal)
            .Replace("@LISTEN@", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("@SERVERS@", string.Join("\n        ", nodePorts.Select(p => $"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;")), StringComparison.Ordinal)
            .Replace("@USER@", Environment.UserName == "root" ? "user root;" : "", StringComparison.Ordinal);
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration);

        var process = Process.Start(new ProcessStartInfo(nginx, ["-p", folder, "-c", file, "-e", Path.Combine(folder, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var balancer = new NginxBalancer(process, folder, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}\n{balancer.ErrorLog}");
            }

            try
            {
                using var response = await http.GetAsync(balancer.BaseAddress);
                return balancer;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("nginx did not answer within 20 s:\n" + balancer.ErrorLog);
                }

                await Task.Delay(100);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
