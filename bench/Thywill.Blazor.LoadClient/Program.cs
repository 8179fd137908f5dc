using System.Globalization;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Scenarios;
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
          chat       --rooms 100 --members 10 --rate 1 --seconds 30 --warmup 5 --pad 64 --archive true
                     (relay rooms; rate = messages/s per member; excludeSelf: members - 1 receipts each)

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
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(Number(options, "max-minutes", 30)));
        var repository = options.GetValueOrDefault("repo") ?? FindRepository();
        var output = Path.GetFullPath(options.GetValueOrDefault("out") ?? Path.Combine(repository, "bench", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var context = new BenchContext(repository, output, (int)Number(options, "concurrency", 50), deadline.Token)
        {
            SourceAddressCount = (int)Number(options, "source-addresses", SourcesFor(options.GetValueOrDefault("clients"))),
        };
        Console.WriteLine($"thywill-load {args[0]}: results in {output}; stops by itself within {Number(options, "max-minutes", 30)} min");
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
                        (int)Number(options, "pad", 64)));
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
