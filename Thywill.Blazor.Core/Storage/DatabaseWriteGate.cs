using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Storage;

/// <summary>
/// Lets this process's writes to a SQLite database in one at a time, without blocking a thread.
/// </summary>
/// <remarks>
/// SQLite takes one writer at a time. A second writer's statement gets SQLITE_BUSY, on which
/// Microsoft.Data.Sqlite puts the thread-pool thread to sleep for 150 ms and tries again: under a
/// burst of connects (each records its client) that was most of a connect's time on the server, in
/// blocked pool threads. Waiting here instead is asynchronous and ends as soon as the previous write
/// does. Other providers take concurrent writers themselves, so for them the gate is open.
/// </remarks>
internal sealed class DatabaseWriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim? _gate = options.Value.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Whether writes wait for each other here.</summary>
    public bool Serializes => _gate is not null;

    /// <summary>Waits for the turn to write; dispose the result when the write is done.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is null)
        {
            return default;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_gate);
    }

    /// <summary>A turn to write; disposing it lets the next writer in.</summary>
    internal readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
