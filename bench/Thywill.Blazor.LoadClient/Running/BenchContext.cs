using Thywill.Blazor.LoadClient.Baselines;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Servers;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Running;

/// <summary>What every scenario of one command shares: where the repository is, where results go, and the deadline.</summary>
/// <param name="RepositoryRoot">The repository (its Release builds are started).</param>
/// <param name="OutputFolder">Where JSON, Markdown, the chart and server logs go.</param>
/// <param name="Concurrency">Connections opened at once while ramping.</param>
/// <param name="Deadline">Cancelled when the command's time is up: every run stops by itself.</param>
public sealed record BenchContext(string RepositoryRoot, string OutputFolder, int Concurrency, CancellationToken Deadline)
{
    /// <summary>How many loopback source addresses clients connect from (127.0.0.1 upwards); 1 lets the system choose.</summary>
    public int SourceAddressCount { get; init; } = 1;

    /// <summary>Connection settings for a server, with this run's source addresses.</summary>
    /// <param name="address">The server.</param>
    public ConnectionSettings Connect(Uri address) => new(address)
    {
        SourceAddresses = SourceAddressCount > 1 ? ConnectionSettings.LoopbackSources(SourceAddressCount) : [],
    };

    /// <summary>Starts a server of the given kind, logging to the output folder.</summary>
    /// <param name="kind">The server.</param>
    /// <param name="label">A name for its log file.</param>
    /// <param name="settings">Configuration for this run (<c>Section:Key</c> → value), if any.</param>
    public Task<ServerProcess> StartServerAsync(ServerKind kind, string label, IReadOnlyDictionary<string, string>? settings = null) =>
        ServerProcess.StartAsync(kind, RepositoryRoot, Path.Combine(OutputFolder, "logs", $"{label}-{kind.ToString().ToLowerInvariant()}.log"), settings, Deadline);

    /// <summary>Makes clients of a server: Thywill pages (or the naive baseline's), or SignalR connections.</summary>
    /// <param name="kind">The server.</param>
    /// <param name="settings">The run's shared settings.</param>
    /// <param name="applicationId">The application page to load (Thywill and naive).</param>
    /// <param name="sink">Where delivered messages go.</param>
    public static Func<int, ILoadClient> Clients(ServerKind kind, ConnectionSettings settings, string applicationId, IMessageSink? sink) =>
        kind == ServerKind.SignalR
            ? index => new SignalRBaselineClient(settings, index, sink)
            : index => new ThywillLoadClient(settings, applicationId, index, sink);

    /// <summary>This process's managed heap after a full collection, and its RSS.</summary>
    public static (long HeapBytes, long RssBytes) OwnMemory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (heap, Environment.WorkingSet);
    }
}
