using System.Globalization;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Scenarios;
using Thywill.Blazor.LoadClient.Scenarios.Soak;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient;

/// <summary>
/// <c>thywill-load</c>: the benchmarks. Each command starts the servers it needs from their Release
/// builds on 127.0.0.1, drives them, writes JSON and Markdown (and the chart) to <c>--out</c>, and
/// stops by itself at <c>--max-minutes</c> at the latest.
/// </summary>
internal static class CommandLine
{
    private const string Usage = """
        thywill-load <command> [options]          (run through bench/run.sh, which builds and raises ulimit -n)

          capacity   --server thywill|signalr|naive --clients 1000 --hold 30
          echo       --clients 1000 --messages 1000 --rate 200 --rate-seconds 20
          broadcast  --servers thywill,signalr,naive --clients 1000,5000,10000 --broadcasts 50
                     --throughput-seconds 10 --burst 10 --window 4 --pad 64
                     --nodes 2   (Thywill on the Redis engine, SignalR with its Redis backplane; clients
                                 spread over the nodes; needs THYWILL_TEST_POSTGRES, which bench/run.sh provides)
          chat       --rooms 100 --members 10 --rate 1 --seconds 30 --warmup 5 --pad 64 --archive true
                     (relay rooms; rate = messages/s per member; excludeSelf: members - 1 receipts each)
          soak       --minutes 30 --warmup-minutes 1 --relay-tabs 40 --rpc-tabs 10 --action-seconds 1
                     --lifetime-seconds 90 --rooms 12 --reload-share 0.03 --heap-seconds 60
                     --away-seconds 45 --idle-seconds 45 --sweep-seconds 5 --db-retention-seconds 90 --cleanup-seconds 20
                     (churn on relay and calculations; the server's heap after a full GC every minute;
                     --max-minutes defaults to the whole run plus 10)
          dashboard  --clients 10000 --churn 50 --phase-seconds 30 --chromium /usr/bin/chromium
                     (the server's CPU with no dashboard, the client list, the overview open in Chromium)
          failover   --kills 20 --before 20 --during 20 --chromium /usr/bin/chromium
                     (two nodes on Redis behind nginx; kill -9 of the reader's node, repeated; lost,
                     repeated, reordered; needs THYWILL_TEST_POSTGRES, which bench/run.sh provides)

        common: --out bench/results/<date> --concurrency 50 --max-minutes 30 --repo <repository root>
                --source-addresses N   connect from 127.0.0.1..127.0.0.N (default: one per 25,000 clients)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = Parse(args.Skip(1).ToArray());
        var soak = args[0] == "soak" ? Soak(options) : null;
        var maxMinutes = Number(options, "max-minutes", soak is null ? 30 : Math.Ceiling(soak.Total.TotalMinutes) + 10);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(maxMinutes));
        var repository = options.GetValueOrDefault("repo") ?? FindRepository();
        var output = Path.GetFullPath(options.GetValueOrDefault("out") ?? Path.Combine(repository, "bench", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var context = new BenchContext(repository, output, (int)Number(options, "concurrency", 50), deadline.Token)
        {
            SourceAddressCount = (int)Number(options, "source-addresses", SourcesFor(options.GetValueOrDefault("clients"))),
        };
        Console.WriteLine($"thywill-load {args[0]}: results in {output}; stops by itself within {maxMinutes} min");
        try
        {
            switch (args[0])
            {
                case "capacity":
                    await CapacityScenario.RunAsync(context, Kind(options.GetValueOrDefault("server") ?? "thywill"), (int)Number(options, "clients", 1000), TimeSpan.FromSeconds(Number(options, "hold", 30)));
                    break;
                case "echo":
                    await EchoScenario.RunAsync(context, (int)Number(options, "clients", 1000), (int)Number(options, "messages", 1000), (int)Number(options, "rate", 200), TimeSpan.FromSeconds(Number(options, "rate-seconds", 20)));
                    break;
                case "broadcast":
                    await BroadcastScenario.RunAsync(context, new BroadcastScenario.Options(
                        (options.GetValueOrDefault("servers") ?? "thywill,signalr,naive").Split(',').Select(Kind).ToArray(),
                        (options.GetValueOrDefault("clients") ?? "1000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                        (int)Number(options, "broadcasts", 50),
                        TimeSpan.FromSeconds(Number(options, "throughput-seconds", 10)),
                        (int)Number(options, "burst", 10),
                        (int)Number(options, "window", 4),
                        (int)Number(options, "pad", 64),
                        (int)Number(options, "nodes", 1)));
                    break;
                case "chat":
                    await ChatScenario.RunAsync(context, new ChatScenario.Options(
                        (int)Number(options, "rooms", 100),
                        (int)Number(options, "members", 10),
                        Number(options, "rate", 1),
                        TimeSpan.FromSeconds(Number(options, "seconds", 30)),
                        TimeSpan.FromSeconds(Number(options, "warmup", 5)),
                        (int)Number(options, "pad", 64),
                        bool.Parse(options.GetValueOrDefault("archive") ?? "true")));
                    break;
                case "dashboard":
                    await DashboardScenario.RunAsync(context, new DashboardScenario.Options(
                        (int)Number(options, "clients", 10000),
                        (int)Number(options, "churn", 50),
                        TimeSpan.FromSeconds(Number(options, "phase-seconds", 30)),
                        options.GetValueOrDefault("chromium") ?? Environment.GetEnvironmentVariable("THYWILL_CHROMIUM") ?? "/usr/bin/chromium"));
                    break;
                case "failover":
                    await FailoverScenario.RunAsync(context, new FailoverScenario.Options(
                        (int)Number(options, "kills", 20),
                        (int)Number(options, "before", 20),
                        (int)Number(options, "during", 20),
                        options.GetValueOrDefault("chromium") ?? Environment.GetEnvironmentVariable("THYWILL_CHROMIUM") ?? "/usr/bin/chromium"));
                    break;
                case "soak":
                    await SoakScenario.RunAsync(context, soak!);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }

            return 0;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped: --max-minutes reached.");
            return 3;
        }
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.\n{Usage}");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static SoakOptions Soak(Dictionary<string, string> options)
    {
        var defaults = new SoakOptions();
        TimeSpan Seconds(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Number(options, name, fallback.TotalSeconds));
        return new SoakOptions
        {
            Duration = TimeSpan.FromMinutes(Number(options, "minutes", defaults.Duration.TotalMinutes)),
            WarmUp = TimeSpan.FromMinutes(Number(options, "warmup-minutes", defaults.WarmUp.TotalMinutes)),
            RelayTabs = (int)Number(options, "relay-tabs", defaults.RelayTabs),
            RpcTabs = (int)Number(options, "rpc-tabs", defaults.RpcTabs),
            ActionInterval = Seconds("action-seconds", defaults.ActionInterval),
            TabLifetime = Seconds("lifetime-seconds", defaults.TabLifetime),
            SharedRooms = (int)Number(options, "rooms", defaults.SharedRooms),
            ReloadShare = Number(options, "reload-share", defaults.ReloadShare),
            HeapInterval = Seconds("heap-seconds", defaults.HeapInterval),
            AwayRetention = Seconds("away-seconds", defaults.AwayRetention),
            IdleRetention = Seconds("idle-seconds", defaults.IdleRetention),
            SweepInterval = Seconds("sweep-seconds", defaults.SweepInterval),
            DatabaseRetention = Seconds("db-retention-seconds", defaults.DatabaseRetention),
            CleanupInterval = Seconds("cleanup-seconds", defaults.CleanupInterval),
        };
    }

    private static double Number(Dictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    // One address has about 28,000 ephemeral ports towards the server's port (32768-60999): stay below.
    private static int SourcesFor(string? clients)
    {
        var most = (clients ?? "1000").Split(',').Max(c => int.Parse(c, CultureInfo.InvariantCulture));
        return Math.Max(1, (most + 24_999) / 25_000);
    }

    private static ServerKind Kind(string name) => Enum.Parse<ServerKind>(name.Trim(), ignoreCase: true);

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Thywill.Blazor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository or pass --repo.");
    }
}
