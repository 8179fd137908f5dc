using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>The EF store's connect records, on every provider (see the classes below).</summary>
public abstract class EfThywillStoreTests<TDatabase>(TDatabase database) : DatabaseTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private readonly ClientInfo _client = new("echo", NewId("client"), NewId("session"), UserId: null);

    private IThywillStore Store => Services.GetRequiredService<IThywillStore>();

    [Fact]
    public async Task RecordConnectAsync_NewClient_StoresSessionAndClientFirstSeenNow()
    {
        await Store.RecordConnectAsync(_client, CancellationToken.None);

        var client = await Store.FindClientAsync(_client.ClientId, CancellationToken.None);
        var session = await Store.FindSessionAsync(_client.SessionId, CancellationToken.None);
        Assert.NotNull(client);
        Assert.NotNull(session);
        Assert.Equal((1, Time.GetUtcNow(), Time.GetUtcNow()), (client.ConnectCount, client.FirstSeen, client.LastSeen));
        Assert.Equal(("echo", _client.SessionId), (client.ApplicationId, client.SessionId));
        Assert.Equal((Time.GetUtcNow(), Time.GetUtcNow()), (session.FirstSeen, session.LastSeen));
    }

    [Fact]
    public async Task RecordConnectAsync_KnownClient_CountsTheConnectAndKeepsFirstSeen()
    {
        var firstSeen = Time.GetUtcNow();
        await Store.RecordConnectAsync(_client, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));

        var returned = await Store.RecordConnectAsync(_client, CancellationToken.None);

        var client = await Store.FindClientAsync(_client.ClientId, CancellationToken.None);
        var session = await Store.FindSessionAsync(_client.SessionId, CancellationToken.None);
        Assert.Equal((2, firstSeen, Time.GetUtcNow()), (client!.ConnectCount, client.FirstSeen, client.LastSeen));
        Assert.Equal((firstSeen, Time.GetUtcNow()), (session!.FirstSeen, session.LastSeen));
        Assert.Equal(2, returned.ConnectCount);
    }

    [Fact]
    public async Task RecordConnectAsync_SecondClientOfTheSession_SharesTheSession()
    {
        var second = _client with { ClientId = NewId("client"), ApplicationId = "echo-razor" };
        await Store.RecordConnectAsync(_client, CancellationToken.None);

        await Store.RecordConnectAsync(second, CancellationToken.None);

        await using var context = await Services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await context.Sessions.CountAsync(s => s.Id == _client.SessionId));
        Assert.Equal(
            new[] { _client.ClientId, second.ClientId }.Order(),
            (await context.Clients.Where(c => c.SessionId == _client.SessionId).Select(c => c.Id).ToListAsync()).Order());
    }

    [Fact]
    public async Task RecordConnectAsync_ClientNowSignedIn_RecordsTheUser()
    {
        await Store.RecordConnectAsync(_client, CancellationToken.None);

        await Store.RecordConnectAsync(_client with { UserId = "ada" }, CancellationToken.None);

        Assert.Equal("ada", (await Store.FindClientAsync(_client.ClientId, CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task RecordConnectAsync_ManyAtOnceInOneNewSession_RecordsEveryClientAndEveryConnectOnce()
    {
        // Tabs of a new session race to insert the session row; the losers retry on a fresh (pooled) context.
        var clients = Enumerable.Range(0, 8).Select(_ => _client with { ClientId = NewId("client") }).ToArray();

        await Task.WhenAll(clients.Concat(clients).Select(c => Task.Run(() => Store.RecordConnectAsync(c, CancellationToken.None))));

        await using var context = await Services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await context.Sessions.CountAsync(s => s.Id == _client.SessionId));
        var counts = await context.Clients.Where(c => c.SessionId == _client.SessionId).Select(c => c.ConnectCount).ToListAsync();
        Assert.Equal(Enumerable.Repeat(2, clients.Length), counts);
    }

    [Fact]
    public async Task PruneAsync_DeletesClientsAndSessionsLastSeenBeforeTheCutoff_AndKeepsTheRest()
    {
        var recent = new ClientInfo("echo", NewId("client"), NewId("session"), UserId: null);
        await Store.RecordConnectAsync(_client, CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(2));
        await Store.RecordConnectAsync(recent, CancellationToken.None);

        var (clients, sessions) = await Store.PruneAsync(Time.GetUtcNow() - TimeSpan.FromDays(1), CancellationToken.None);

        Assert.True(clients >= 1 && sessions >= 1, $"{clients} clients, {sessions} sessions");
        Assert.Null(await Store.FindClientAsync(_client.ClientId, CancellationToken.None));
        Assert.Null(await Store.FindSessionAsync(_client.SessionId, CancellationToken.None));
        Assert.NotNull(await Store.FindClientAsync(recent.ClientId, CancellationToken.None));
        Assert.NotNull(await Store.FindSessionAsync(recent.SessionId, CancellationToken.None));
    }

    [Fact]
    public async Task FindClientAsync_NeverSeen_ReturnsNull()
    {
        Assert.Null(await Store.FindClientAsync(_client.ClientId, CancellationToken.None));
        Assert.Null(await Store.FindSessionAsync(_client.SessionId, CancellationToken.None));
    }
}

public sealed class SqliteEfThywillStoreTests(SqliteTestDatabase database) : EfThywillStoreTests<SqliteTestDatabase>(database)
{
    [Fact]
    public async Task RecordConnectAsync_DatabaseFile_IsInTheTempFolder()
    {
        await Services.GetRequiredService<IThywillStore>().RecordConnectAsync(new("echo", NewId("client"), NewId("session"), UserId: null), CancellationToken.None);

        Assert.True(File.Exists(Database.FilePath));
        Assert.StartsWith(Path.GetTempPath(), Database.FilePath, StringComparison.Ordinal);
    }
}

/// <summary>On the real PostgreSQL server that ./test.sh starts.</summary>
public sealed class PostgreSqlEfThywillStoreTests(PostgreSqlTestDatabase database) : EfThywillStoreTests<PostgreSqlTestDatabase>(database);
