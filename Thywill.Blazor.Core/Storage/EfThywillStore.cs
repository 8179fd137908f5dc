using Microsoft.EntityFrameworkCore;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>The store on EF Core: one short-lived context per operation, as circuits live long.</summary>
internal sealed class EfThywillStore(IDbContextFactory<ThywillDbContext> contexts, DatabaseWriteGate gate, TimeProvider time) : IThywillStore
{
    // The connect's two lookups, compiled: FindAsync builds its query and looks it up in the query
    // cache on every call. Compiled per store, not statically: a compiled query serves one model, and
    // each host (and test) has its own provider's context.
    private readonly Func<ThywillDbContext, string, CancellationToken, Task<StoredSession?>> _sessionById =
        EF.CompileAsyncQuery((ThywillDbContext db, string id, CancellationToken cancellationToken) => db.Sessions.FirstOrDefault(s => s.Id == id));

    private readonly Func<ThywillDbContext, string, CancellationToken, Task<StoredClient?>> _clientById =
        EF.CompileAsyncQuery((ThywillDbContext db, string id, CancellationToken cancellationToken) => db.Clients.FirstOrDefault(c => c.Id == id));

    public async Task<StoredClient> RecordConnectAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        // Two tabs of a new session (or a resumed client on two circuits) may insert the same row at
        // once; the next attempt finds it and updates it. The session row and the client row can each
        // lose such a race once, so the third attempt has nothing left to insert.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordConnectOnceAsync(client, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<StoredClient> RecordConnectOnceAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // On SQLite one write at a time (see DatabaseWriteGate); with the reads inside the turn, two
        // connects of this process cannot both count from the same ConnectCount.
        using var turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();

        var session = await _sessionById(db, client.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            db.Sessions.Add(new StoredSession { Id = client.SessionId, FirstSeen = now, LastSeen = now });
        }
        else
        {
            session.LastSeen = now;
        }

        var stored = await _clientById(db, client.ClientId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            stored = new StoredClient
            {
                Id = client.ClientId,
                ApplicationId = client.ApplicationId,
                SessionId = client.SessionId,
                UserId = client.UserId,
                FirstSeen = now,
                LastSeen = now,
                ConnectCount = 1,
            };
            db.Clients.Add(stored);
        }
        else
        {
            stored.LastSeen = now;
            stored.UserId = client.UserId;
            stored.ConnectCount++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<(int Clients, int Sessions)> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        int clients, sessions;
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            clients = await db.Clients.Where(c => c.LastSeen < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // A session's LastSeen moves with each of its clients' connects: one seen before the cutoff has
        // no client seen after it (and its clients went above).
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions = await db.Sessions.Where(s => s.LastSeen < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (clients, sessions);
    }

    public async Task<StoredClient?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
    }
}
