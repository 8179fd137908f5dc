using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>
/// The channel archive on EF Core: a short-lived context per read or open; appends are written in
/// groups by one writer (<see cref="ArchiveBatchWriter"/>).
/// </summary>
internal sealed class EfChannelArchive(IDbContextFactory<ThywillDbContext> contexts, DatabaseWriteGate gate, ThywillMetrics metrics, TimeProvider time, ILogger<EfChannelArchive> logger) : IChannelArchive, IAsyncDisposable
{
    private readonly ArchiveBatchWriter _writer = new(contexts, gate, metrics, logger);

    public async Task<(string Epoch, long LatestOffset)> OpenAsync(ChannelKey channel, string proposedEpoch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.ArchivedChannels.FindAsync([channel.ApplicationId, channel.Name], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return (existing.Epoch, existing.LatestOffset);
        }

        db.ArchivedChannels.Add(new ArchivedChannel
        {
            ApplicationId = channel.ApplicationId,
            Name = channel.Name,
            Epoch = proposedEpoch,
            LatestOffset = 0,
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            return (proposedEpoch, 0);
        }
        catch (DbUpdateException)
        {
            // Another node (or request) created it first: use theirs.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var created = await again.ArchivedChannels.AsNoTracking()
                .FirstAsync(c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name, cancellationToken).ConfigureAwait(false);
            return (created.Epoch, created.LatestOffset);
        }
    }

    public Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken) =>
        _writer.AppendAsync(publication, keep, cancellationToken);

    public async Task<IReadOnlyList<Publication>> ReadAsync(ChannelKey channel, long afterOffset, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await db.ArchivedChannels.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return [];
        }

        var rows = await db.ArchivedPublications.AsNoTracking()
            .Where(p => p.ApplicationId == channel.ApplicationId && p.Channel == channel.Name && p.Offset > afterOffset)
            .OrderByDescending(p => p.Offset)
            .Take(max)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.Reverse();
        return rows.Select(r => new Publication(
            r.MessageId,
            channel,
            state.Epoch,
            r.Offset,
            r.From,
            ParseJson(r.Data),
            r.Timestamp,
            r.Exclude is null ? null : JsonSerializer.Deserialize<string[]>(r.Exclude))).ToArray();
    }

    public async Task<bool> DeleteIfIdleAsync(ChannelKey channel, DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var idle = await db.ArchivedChannels.AnyAsync(
            c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name && c.CreatedAt < idleSince
                && !db.ArchivedPublications.Any(p => p.ApplicationId == c.ApplicationId && p.Channel == c.Name && p.Timestamp >= idleSince),
            cancellationToken).ConfigureAwait(false);
        if (!idle)
        {
            return false;
        }

        await db.ArchivedPublications
            .Where(p => p.ApplicationId == channel.ApplicationId && p.Channel == channel.Name)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.ArchivedChannels
            .Where(c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ChannelKey>> ListChannelsCreatedBeforeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ArchivedChannels.AsNoTracking().Where(c => c.CreatedAt < createdBefore).Select(c => new { c.ApplicationId, c.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ChannelKey(r.ApplicationId, r.Name)).ToArray();
    }

    /// <summary>Finishes writing what is queued.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
