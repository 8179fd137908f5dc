using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Thywill.Blazor.LoadClient.Servers;

/// <summary>
/// A server under test, run as its own process from its Release build on a free 127.0.0.1 port, so
/// that its memory and CPU are its own. It is killed when disposed: nothing outlives the benchmark.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string Gen2Series = "dotnet_gc_collections_total";

    private const string Gen2Label = "gc_heap_generation=\"gen2\"";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _dataFolder;

    private ServerProcess(ServerKind kind, Process process, Uri address, StreamWriter log, string dataFolder)
    {
        Kind = kind;
        _process = process;
        Address = address;
        _log = log;
        _dataFolder = dataFolder;
    }

    /// <summary>Which server this is.</summary>
    public ServerKind Kind { get; }

    /// <summary>Where it listens (loopback).</summary>
    public Uri Address { get; }

    /// <summary>The process id (for dotnet-counters).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts a server and waits until it answers.</summary>
    /// <param name="kind">Which server.</param>
    /// <param name="repositoryRoot">The repository (its Release builds are run).</param>
    /// <param name="logFile">Where the server's console output goes.</param>
    /// <param name="settings">Configuration for this run (<c>Section:Key</c> → value), over the defaults below.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<ServerProcess> StartAsync(ServerKind kind, string repositoryRoot, string logFile, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken) =>
        StartAsync(kind, repositoryRoot, logFile, settings, "Release", cancellationToken);

    /// <summary>Starts a server from the build of the given configuration and waits until it answers.</summary>
    /// <param name="kind">Which server.</param>
    /// <param name="repositoryRoot">The repository.</param>
    /// <param name="logFile">Where the server's console output goes.</param>
    /// <param name="settings">Configuration for this run (<c>Section:Key</c> → value), over the defaults below.</param>
    /// <param name="configuration">The build configuration whose output is run (tests run the one they were built with).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ServerProcess> StartAsync(ServerKind kind, string repositoryRoot, string logFile, IReadOnlyDictionary<string, string>? settings, string configuration, CancellationToken cancellationToken)
    {
        var (project, readyPath) = kind switch
        {
            ServerKind.Thywill => ("Thywill.Blazor.Host", "thywill/init/echo"),
            ServerKind.SignalR => ("bench/Thywill.Blazor.Bench.SignalRServer", ""),
            _ => ("bench/Thywill.Blazor.Bench.NaiveServer", ""),
        };
        var folder = Path.Combine(repositoryRoot, project, "bin", configuration, "net10.0");
        var dll = Path.Combine(folder, Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution in {configuration} first: {dll} is missing.", dll);
        }

        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var dataFolder = Directory.CreateTempSubdirectory("thywill-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.AbsoluteUri.TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (kind == ServerKind.Thywill)
        {
            // No balancer polls a benchmark's server: stop at once, without the drain's delay.
            start.Environment["Thywill__Drain__Delay"] = "00:00:00";
            start.Environment["Thywill__Bench__Enabled"] = "true";
            start.Environment["Thywill__Database__ConnectionString"] = "Data Source=" + Path.Combine(dataFolder, "thywill.db");
            start.Environment["Logging__Folder"] = Path.Combine(dataFolder, "logs");

            // A log line per connect is an I/O cost of its own; the benchmark measures the framework.
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";

            // The driver sends broadcasts faster than a person may.
            start.Environment["Thywill__Messages__RateLimitPerSecond"] = "1000000";
            start.Environment["Thywill__Messages__RateLimitBurst"] = "1000000";

            // Every simulated client comes from this one address.
            start.Environment["Host__PerAddress__MaxConnections"] = "10000000";
            start.Environment["Host__PerAddress__BootstrapsPerSecond"] = "10000000";
            start.Environment["Host__PerAddress__BootstrapBurst"] = "10000000";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(kind, process, address, log, dataFolder);
        try
        {
            await server.WaitReadyAsync(readyPath, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>The process's resident memory and CPU time, read from outside.</summary>
    public (long RssBytes, double CpuSeconds) ReadProcess()
    {
        _process.Refresh();
        return (_process.WorkingSet64, _process.TotalProcessorTime.TotalSeconds);
    }

    /// <summary>
    /// The Thywill node's clients and heap, from its Prometheus scrape (<c>/metrics</c>, which loopback
    /// may read); <see langword="null"/> for the baselines.
    /// </summary>
    /// <param name="http">A client.</param>
    /// <param name="forceGc">
    /// Whether the node collects garbage first, for the live heap: induced from outside
    /// (<see cref="InducedCollection"/>), twice so that what the first one finalized is gone too.
    /// </param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public async Task<ServerMetrics?> ReadMetricsAsync(HttpClient http, bool forceGc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Kind != ServerKind.Thywill)
        {
            return null;
        }

        var scrape = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
        if (forceGc)
        {
            for (var i = 0; i < 2; i++)
            {
                scrape = await CollectAsync(http, scrape, cancellationToken).ConfigureAwait(false);
            }
        }

        var (rss, cpu) = ReadProcess();
        return new ServerMetrics(
            (int)scrape.Sum("thywill_clients_connected"),
            (long)(scrape.Sum("dotnet_gc_last_collection_heap_size_bytes") - scrape.Sum("dotnet_gc_last_collection_heap_fragmentation_size_bytes")),
            (long)scrape.Sum("dotnet_gc_heap_total_allocated_bytes_total"),
            rss,
            cpu,
            (long)scrape.Sum(Gen2Series, Gen2Label));
    }

    // Induces a full collection and waits for the scrape to show it (the exporter caches a scrape for a
    // moment, and the heap series describe the last collection).
    private async Task<PrometheusScrape> CollectAsync(HttpClient http, PrometheusScrape before, CancellationToken cancellationToken)
    {
        var collections = before.Sum(Gen2Series, Gen2Label);
        await InducedCollection.StartAsync(ProcessId, cancellationToken).ConfigureAwait(false);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
            if (scrape.Sum(Gen2Series, Gen2Label) > collections)
            {
                return scrape;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The server did not report the induced full collection within 30 s.");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What a Thywill node has sent to Redis so far (<c>thywill.engine.redis.operations</c>: commands
    /// and script calls, not what a script runs inside Redis); <see langword="null"/> for other servers.
    /// </summary>
    /// <param name="http">A client for the node's /metrics.</param>
    /// <param name="cancellationToken">Cancels the scrape.</param>
    public async Task<long?> ReadRedisOperationsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Kind == ServerKind.Thywill
            ? (long)(await ScrapeAsync(http, cancellationToken).ConfigureAwait(false)).Sum("thywill_engine_redis_operations_total")
            : null;
    }

    private async Task<PrometheusScrape> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(Address, "metrics"), cancellationToken).ConfigureAwait(false);
        var scrape = PrometheusScrape.Parse(text);
        if (!scrape.Has(Gen2Series))
        {
            throw new InvalidOperationException($"The server's /metrics has no {Gen2Series}: is the runtime instrumentation on?");
        }

        return scrape;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }

    private async Task WaitReadyAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {Kind} server exited with code {_process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, path), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first request.
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The {Kind} server did not answer within 60 s.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
