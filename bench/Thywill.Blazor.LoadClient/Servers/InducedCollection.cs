using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Thywill.Blazor.LoadClient.Servers;

/// <summary>
/// Makes another .NET process collect its garbage, from outside, the way <c>dotnet-gcdump</c> does:
/// an EventPipe session that enables the runtime provider's <c>GCHeapCollect</c> keyword induces a
/// blocking full collection. The node needs no endpoint that would let a caller force collections.
/// </summary>
internal static class InducedCollection
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    /// <summary>The runtime provider's keyword that induces a full, blocking collection when enabled.</summary>
    private const long GCHeapCollectKeyword = 0x800000;

    /// <summary>Opens the session (which starts the collection) and closes it once the events are read.</summary>
    /// <param name="processId">The process to collect.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task StartAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var providers = new[] { new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GCHeapCollectKeyword) };
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancellationToken).ConfigureAwait(false);

        // The session's stream must be read, or the runtime blocks writing it.
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        await session.StopAsync(cancellationToken).ConfigureAwait(false);
        await drain.ConfigureAwait(false);
    }
}
