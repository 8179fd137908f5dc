using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>The channel archive on EF Core; a short-lived context per operation.</summary>
internal sealed class EfChannelArchive(IDbContextFactory<ThywillDbContext> contexts, DatabaseWriteGate gate, TimeProvider time) : IChannelArchive
{
    // Trimming every append would double the writes; every so often is enough to bound the table.
    private const int TrimEvery = 64;

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

    public async Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken)
    {
        var channel = publication.Channel;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ArchivedPublications.Add(new ArchivedPublication
        {
            ApplicationId = channel.ApplicationId,
            Channel = channel.Name,
            Offset = publication.Offset,
            MessageId = publication.Id,
            From = publication.From,
            Data = publication.Data.GetRawText(),
            Exclude = publication.Exclude is null ? null : JsonSerializer.Serialize(publication.Exclude),
            Timestamp = publication.Timestamp,
        });

        // On SQLite one write at a time (see DatabaseWriteGate).
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        // Offsets are assigned in order but written concurrently: only ever move LatestOffset forward.
        await db.ArchivedChannels
            .Where(c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name && c.LatestOffset < publication.Offset)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LatestOffset, publication.Offset), cancellationToken).ConfigureAwait(false);

        if (publication.Offset % TrimEvery == 0)
        {
            var oldestKept = publication.Offset - keep;
            await db.ArchivedPublications
                .Where(p => p.ApplicationId == channel.ApplicationId && p.Channel == channel.Name && p.Offset <= oldestKept)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
