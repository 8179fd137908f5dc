using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Thywill.Blazor.Testing;

/// <summary>
/// A throwaway <c>redis-server</c> on 127.0.0.1 and a free port, without persistence, its files in a
/// folder of its own under the temp folder: for tests of apps on the Redis engine, including what
/// happens when Redis dies (<see cref="KillAsync"/>), restarts empty (<see cref="RestartAsync"/>) or
/// pauses (<c>CLIENT PAUSE</c> through <see cref="CommandAsync"/>). The executable is
/// <c>THYWILL_REDIS_SERVER</c>, else <c>/usr/bin/redis-server</c>, else <c>redis-server</c> on PATH.
/// </summary>
public sealed class TestRedisServer : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _folder;
    private Process? _process;

    private TestRedisServer(string executable, string folder, int port)
    {
        _executable = executable;
        _folder = folder;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it (<c>Thywill:Engine:Redis:Configuration</c>).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Its log file.</summary>
    public string LogFile => Path.Combine(_folder, "redis.log");

    /// <summary>Starts a server and waits until it answers <c>PING</c>.</summary>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<TestRedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var folder = Directory.CreateTempSubdirectory("thywill-redis.").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var server = new TestRedisServer(executable, folder, FreePort());
            try
            {
                await server.StartProcessAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: another one.
                server.Stop();
            }
        }
    }

    /// <summary>Kills the server at once (as a machine that dies), keeping nothing.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Kills the server and starts a new, empty one on the same port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartProcessAsync(CancellationToken.None);
    }

    /// <summary>Sends one command and returns its reply as text (an array's items one per line; an error as <c>-ERR …</c>).</summary>
    /// <param name="arguments">The command and its arguments, e.g. <c>"CLIENT", "PAUSE", "2000"</c>.</param>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reply = new StringBuilder();
        await ReadReplyAsync(reader, reply);
        return reply.ToString().TrimEnd('\n');
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system otherwise.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable, [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--save", "", "--appendonly", "no", "--dir", _folder, "--logfile", LogFile, "--daemonize", "no",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process?.Dispose();
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{_executable} did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                if (await CommandAsync("PING") == "+PONG")
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Stop();
                throw new InvalidOperationException($"redis-server did not answer PING within 10 s:\n{LastLines()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private void Stop()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string LastLines() =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "(no log written to " + LogFile + ")";

    private static async Task ReadReplyAsync(StreamReader reader, StringBuilder reply)
    {
        var line = await reader.ReadLineAsync() ?? throw new IOException("Redis closed the connection.");
        switch (line[0])
        {
            case '*':
                var count = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    await ReadReplyAsync(reader, reply);
                }

                break;
            case '$':
                var length = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    reply.Append("(nil)\n");
                    break;
                }

                var buffer = new char[length];
                var read = 0;
                while (read < length)
                {
                    // The bulk reply's length is in bytes; test replies are ASCII.
                    read += await reader.ReadAsync(buffer.AsMemory(read, length - read));
                }

                await reader.ReadLineAsync();
                reply.Append(buffer).Append('\n');
                break;
            case ':':
                reply.Append(line.AsSpan(1)).Append('\n');
                break;
            default:
                reply.Append(line).Append('\n');
                break;
        }
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("THYWILL_REDIS_SERVER") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new InvalidOperationException($"THYWILL_REDIS_SERVER is {given}, which does not exist.");
        }

        if (File.Exists("/usr/bin/redis-server"))
        {
            return "/usr/bin/redis-server";
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Not a skip: a run that silently leaves out the Redis tests would look green.
        throw new InvalidOperationException(
            "redis-server is not installed: run ./test.sh as root (it installs it) or apt-get install -y redis-server, or set THYWILL_REDIS_SERVER.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
