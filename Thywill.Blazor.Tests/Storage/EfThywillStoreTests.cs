using Thywill.Blazor.Applications;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

public sealed class EfThywillStoreTests : IAsyncLifetime
{
    private static readonly ClientInfo Client = new("echo", "client-1", "session-1", UserId: null);

    private readonly ManualTimeProvider _time = new();
    private TempDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(_time);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RecordConnectAsync_NewClient_StoresSessionAndClientFirstSeenNow()
    {
        await _database.Store.RecordConnectAsync(Client, CancellationToken.None);

        var client = await _database.Store.FindClientAsync(Client.ClientId, CancellationToken.None);
        var session = await _database.Store.FindSessionAsync(Client.SessionId, CancellationToken.None);
        Assert.NotNull(client);
        Assert.NotNull(session);
        Assert.Equal((1, _time.GetUtcNow(), _time.GetUtcNow()), (client.ConnectCount, client.FirstSeen, client.LastSeen));
        Assert.Equal(("echo", "session-1"), (client.ApplicationId, client.SessionId));
        Assert.Equal((_time.GetUtcNow(), _time.GetUtcNow()), (session.FirstSeen, session.LastSeen));
    }

    [Fact]
    public async Task RecordConnectAsync_KnownClient_CountsTheConnectAndKeepsFirstSeen()
    {
        var firstSeen = _time.GetUtcNow();
        await _database.Store.RecordConnectAsync(Client, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        var returned = await _database.Store.RecordConnectAsync(Client, CancellationToken.None);

        var client = await _database.Store.FindClientAsync(Client.ClientId, CancellationToken.None);
        var session = await _database.Store.FindSessionAsync(Client.SessionId, CancellationToken.None);
        Assert.Equal((2, firstSeen, _time.GetUtcNow()), (client!.ConnectCount, client.FirstSeen, client.LastSeen));
        Assert.Equal((firstSeen, _time.GetUtcNow()), (session!.FirstSeen, session.LastSeen));
        Assert.Equal(2, returned.ConnectCount);
    }

    [Fact]
    public async Task RecordConnectAsync_SecondClientOfTheSession_SharesTheSession()
    {
        await _database.Store.RecordConnectAsync(Client, CancellationToken.None);

        await _database.Store.RecordConnectAsync(Client with { ClientId = "client-2", ApplicationId = "echo-razor" }, CancellationToken.None);

        await using var context = await _database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, context.Sessions.Count());
        Assert.Equal(["client-1", "client-2"], context.Clients.Where(c => c.SessionId == "session-1").Select(c => c.Id).Order().ToArray());
    }

    [Fact]
    public async Task RecordConnectAsync_ClientNowSignedIn_RecordsTheUser()
    {
        await _database.Store.RecordConnectAsync(Client, CancellationToken.None);

        await _database.Store.RecordConnectAsync(Client with { UserId = "ada" }, CancellationToken.None);

        Assert.Equal("ada", (await _database.Store.FindClientAsync(Client.ClientId, CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task FindClientAsync_NeverSeen_ReturnsNull()
    {
        Assert.Null(await _database.Store.FindClientAsync("nobody", CancellationToken.None));
        Assert.Null(await _database.Store.FindSessionAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task RecordConnectAsync_DatabaseFile_IsInTheTempFolder()
    {
        await _database.Store.RecordConnectAsync(Client, CancellationToken.None);

        Assert.True(File.Exists(_database.FilePath));
        Assert.StartsWith(Path.GetTempPath(), _database.FilePath, StringComparison.Ordinal);
    }
}
