using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>
/// The database clean-up deletes what anonymous browsers leave behind once nobody has used it for
/// <c>Thywill:Database:Retention</c>: client and session rows, and archived channels with their
/// publications; what was used within the retention, and channels open on the node, stay.
/// </summary>
public sealed class DatabaseCleanupTests : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingApplication _application = new();
    private readonly TestOptions _options = new();
    private TempDatabase _database = null!;
    private TestChannels _node = null!;
    private DatabaseCleanup _cleanup = null!;

    public DatabaseCleanupTests()
    {
        _options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels = [new() { Pattern = "log:*", Join = true, Publish = true, Archive = true }],
        };
    }

    public async Task InitializeAsync()
    {
        _database = await TempDatabase.CreateAsync(_time);
        _node = new TestChannels(_application, _options, _database.Archive, _time);
        _cleanup = new DatabaseCleanup(
            _database.Store,
            _node.Archived,
            TestOptionsMonitor.Of(new DatabaseOptions { Retention = Retention }),
            _time,
            NullLogger<DatabaseCleanup>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RowsUnusedForTheRetention_AreDeleted_WhileRecentAndOpenOnesStay()
    {
        await _database.Store.RecordConnectAsync(new ClientInfo(_node.ApplicationId, "old", "old-session", UserId: null), CancellationToken.None);
        await PublishAsync("log:old");
        await PublishAsync("log:busy");
        var open = await PublishAsync("log:open");
        var member = _node.Connect("member");
        Assert.True((await _node.Operations.JoinAsync(member, "log:open", from: null, withHistory: false, default, CancellationToken.None)).Ok);

        _time.Advance(TimeSpan.FromDays(20));
        await _database.Store.RecordConnectAsync(new ClientInfo(_node.ApplicationId, "recent", "recent-session", UserId: null), CancellationToken.None);
        await PublishAsync("log:busy");
        _time.Advance(TimeSpan.FromDays(11));
        await _node.Archived.SweepAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        var result = await _cleanup.CleanAsync(CancellationToken.None);

        Assert.Equal(new DatabaseCleanupResult(Clients: 1, Sessions: 1, Channels: 1), result);
        Assert.Null(await _database.Store.FindClientAsync("old", CancellationToken.None));
        Assert.Null(await _database.Store.FindSessionAsync("old-session", CancellationToken.None));
        Assert.NotNull(await _database.Store.FindClientAsync("recent", CancellationToken.None));
        Assert.NotNull(await _database.Store.FindSessionAsync("recent-session", CancellationToken.None));
        Assert.Equal(
            ["log:busy", "log:open"],
            (await _database.Archive.ListChannelsCreatedBeforeAsync(DateTimeOffset.MaxValue, CancellationToken.None)).Select(c => c.Name).Order(StringComparer.Ordinal));

        // The open channel kept its epoch and offsets; the deleted one starts anew.
        var nextOpen = await PublishAsync("log:open");
        Assert.Equal((open.Epoch, open.Offset + 1), (nextOpen.Epoch, nextOpen.Offset));
        var reborn = await PublishAsync("log:old");
        Assert.Equal(1, reborn.Offset);
        Assert.Single(await _database.Archive.ReadAsync(_node.Channel("log:old"), 0, 10, CancellationToken.None));

        // A second round finds nothing more.
        Assert.Equal(default, await _cleanup.CleanAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AChannelOpenedWhileBeingDeleted_OpensAnew_AndLosesNothingPublishedAfter()
    {
        await PublishAsync("log:1");
        _time.Advance(Retention + TimeSpan.FromDays(1));
        await _node.Archived.SweepAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        // The clean-up and a publish race; whichever wins, the new publication is kept.
        var cleaning = _cleanup.CleanAsync(CancellationToken.None);
        var publishing = PublishAsync("log:1");
        await Task.WhenAll(cleaning, publishing);

        var history = await _database.Archive.ReadAsync(_node.Channel("log:1"), 0, 10, CancellationToken.None);
        Assert.Contains(history, p => p.Offset == publishing.Result.Offset && p.Epoch == publishing.Result.Epoch);
    }

    private Task<Publication> PublishAsync(string channel) =>
        _node.Service.PublishAsync(_node.ApplicationId, channel, JsonSerializer.SerializeToElement(channel));
}
