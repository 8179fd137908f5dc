using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>
/// Writes archived publications in groups: whatever is waiting goes into the database in one
/// transaction (group commit), so a busy channel costs one commit per group rather than one per
/// message, and publishers never compete for SQLite's single writer. A publisher's append completes
/// when its group is committed. The queue is bounded: when it is full, publishers wait.
/// </summary>
internal sealed partial class ArchiveBatchWriter : IAsyncDisposable
{
    /// <summary>Trimming every append would double the writes; every so often is enough to bound the table.</summary>
    public const int TrimEvery = 64;

    private const int Capacity = 4_096;
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<ThywillDbContext> _contexts;
    private readonly DatabaseWriteGate _gate;
    private readonly ILogger _logger;
    private readonly ThywillMetrics _metrics;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Task _loop;

    public ArchiveBatchWriter(IDbContextFactory<ThywillDbContext> contexts, DatabaseWriteGate gate, ThywillMetrics metrics, ILogger logger)
    {
        _contexts = contexts;
        _gate = gate;
        _logger = logger;
        _metrics = metrics;
        metrics.Meter.CreateObservableGauge("thywill.archive.queue.depth", () => _queue.Reader.Count, "{publication}", "Archived publications waiting for their group commit.");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a publication; completes when it is committed, or fails with the reason it could not be.</summary>
    public async Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(publication, keep);
        try
        {
            // Waits while the queue is full: publishers slow down, nothing is dropped.
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(ArchiveBatchWriter), "The archive is shutting down.");
        }

        await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await WriteAsync(batch).ConfigureAwait(false);
                _metrics.ArchiveWritten(System.Diagnostics.Stopwatch.GetElapsedTime(started));
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad row must not fail its neighbours: write them one by one to find it.
                Log.GroupFailed(_logger, ex, batch.Count);
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Log.AppendFailed(_logger, ex, batch[0].Publication.Channel.ApplicationId, batch[0].Publication.Channel.Name, batch[0].Publication.Offset);
                batch[0].Done.TrySetException(ex);
            }

            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(PendingAppend pending)
    {
        try
        {
            await WriteAsync([pending]).ConfigureAwait(false);
            pending.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            var channel = pending.Publication.Channel;
            Log.AppendFailed(_logger, ex, channel.ApplicationId, channel.Name, pending.Publication.Offset);
            pending.Done.TrySetException(ex);
        }
    }

    private async Task WriteAsync(IReadOnlyList<PendingAppend> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync().ConfigureAwait(false);

        // On SQLite one writer at a time in this process (see DatabaseWriteGate), for the whole group.
        using var turn = await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var publication in batch.Select(p => p.Publication))
        {
            db.ArchivedPublications.Add(new ArchivedPublication
            {
                ApplicationId = publication.Channel.ApplicationId,
                Channel = publication.Channel.Name,
                Offset = publication.Offset,
                MessageId = publication.Id,
                From = publication.From,
                Data = publication.Data.GetRawText(),
                Exclude = publication.Exclude is null ? null : JsonSerializer.Serialize(publication.Exclude),
                Timestamp = publication.Timestamp,
            });
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
        foreach (var channel in batch.GroupBy(p => p.Publication.Channel))
        {
            var newest = channel.MaxBy(p => p.Publication.Offset)!;
            var (applicationId, name, latest) = (channel.Key.ApplicationId, channel.Key.Name, newest.Publication.Offset);

            // Offsets are assigned in order but may arrive in any order: LatestOffset only moves forward.
            await db.ArchivedChannels
                .Where(c => c.ApplicationId == applicationId && c.Name == name && c.LatestOffset < latest)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LatestOffset, latest)).ConfigureAwait(false);

            if (channel.Any(p => p.Publication.Offset % TrimEvery == 0))
            {
                var oldestKept = latest - newest.Keep;
                await db.ArchivedPublications
                    .Where(p => p.ApplicationId == applicationId && p.Channel == name && p.Offset <= oldestKept)
                    .ExecuteDeleteAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private sealed record PendingAppend(Publication Publication, int Keep)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Warning, "Archiving a group of {Count} publications failed; writing them one by one")]
        public static partial void GroupFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(91, LogLevel.Error, "Archiving {AppId}/{Channel} offset {Offset} failed")]
        public static partial void AppendFailed(ILogger logger, Exception exception, string appId, string channel, long offset);
    }
}
