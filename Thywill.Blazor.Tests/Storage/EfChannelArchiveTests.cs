using System.Text.Json;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

public sealed class EfChannelArchiveTests : IAsyncLifetime
{
    private static readonly ChannelKey Log = new("app-a", "log:1");

    private readonly ManualTimeProvider _time = new();
    private TempDatabase _database = default!;

    private IChannelArchive Archive => _database.Archive;

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(_time);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task OpenAsync_NewChannel_TakesTheProposedEpochAtOffsetZero()
    {
        var opened = await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);

        Assert.Equal(("epoch-a", 0L), opened);
    }

    [Fact]
    public async Task OpenAsync_KnownChannel_KeepsItsEpochAndNewestOffset()
    {
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);
        await AppendAsync(Log, "epoch-a", 1, 2);

        var reopened = await Archive.OpenAsync(Log, "epoch-b", CancellationToken.None);

        Assert.Equal(("epoch-a", 2L), reopened);
    }

    [Fact]
    public async Task AppendAsync_WrittenOutOfOrder_NewestOffsetOnlyMovesForward()
    {
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);

        await AppendAsync(Log, "epoch-a", 2, 1);

        Assert.Equal(("epoch-a", 2L), await Archive.OpenAsync(Log, "epoch-b", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_AfterAnOffset_EverythingPublishedOldestFirstInTheChannelsEpoch()
    {
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);
        var published = new Publication("message-2", Log, "epoch-a", 2, "client-1", JsonSerializer.SerializeToElement(new { text = "hi" }), _time.GetUtcNow(), ["client-2"]);
        await AppendAsync(Log, "epoch-a", 1);
        await Archive.AppendAsync(published, keep: 100, CancellationToken.None);
        await AppendAsync(Log, "epoch-a", 3);

        var read = await Archive.ReadAsync(Log, afterOffset: 1, max: 100, CancellationToken.None);

        Assert.Equal([2, 3], read.Select(p => p.Offset));
        var first = read[0];
        Assert.Equal(("message-2", "client-1", "epoch-a", Log), (first.Id, first.From, first.Epoch, first.Channel));
        Assert.Equal("""{"text":"hi"}""", first.Data.GetRawText());
        Assert.Equal(_time.GetUtcNow(), first.Timestamp);
        Assert.True(first.Excludes("client-2"));
        Assert.Null(read[1].Exclude);
    }

    [Fact]
    public async Task ReadAsync_MoreThanMax_TheNewestMaxOldestFirst()
    {
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);
        await AppendAsync(Log, "epoch-a", 1, 2, 3, 4, 5);

        var read = await Archive.ReadAsync(Log, afterOffset: 0, max: 2, CancellationToken.None);

        Assert.Equal([4, 5], read.Select(p => p.Offset));
    }

    [Fact]
    public async Task ReadAsync_NeverOpened_Empty()
    {
        Assert.Empty(await Archive.ReadAsync(Log, afterOffset: 0, max: 100, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_SameChannelNameInTwoApplications_Isolated()
    {
        var other = Log with { ApplicationId = "app-b" };
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);
        await Archive.OpenAsync(other, "epoch-b", CancellationToken.None);
        await AppendAsync(Log, "epoch-a", 1, 2);
        await AppendAsync(other, "epoch-b", 1);

        var read = await Archive.ReadAsync(other, afterOffset: 0, max: 100, CancellationToken.None);

        Assert.Equal([("epoch-b", 1L)], read.Select(p => (p.Epoch, p.Offset)));
    }

    [Fact]
    public async Task AppendAsync_ReachingATrimPoint_KeepsOnlyTheNewest()
    {
        // The archive trims every 64 offsets, not on every write.
        await Archive.OpenAsync(Log, "epoch-a", CancellationToken.None);
        await AppendKeepingAsync(Log, "epoch-a", keep: 10, [.. Enumerable.Range(1, 63).Select(o => (long)o)]);
        var beforeTheTrimPoint = await Archive.ReadAsync(Log, afterOffset: 0, max: 1_000, CancellationToken.None);

        await AppendKeepingAsync(Log, "epoch-a", keep: 10, 64);
        var atTheTrimPoint = await Archive.ReadAsync(Log, afterOffset: 0, max: 1_000, CancellationToken.None);

        Assert.Equal(63, beforeTheTrimPoint.Count);
        Assert.Equal(Enumerable.Range(55, 10).Select(o => (long)o), atTheTrimPoint.Select(p => p.Offset));
    }

    private Task AppendAsync(ChannelKey channel, string epoch, params long[] offsets) => AppendKeepingAsync(channel, epoch, keep: 100, offsets);

    private async Task AppendKeepingAsync(ChannelKey channel, string epoch, int keep, params long[] offsets)
    {
        foreach (var offset in offsets)
        {
            var publication = new Publication($"message-{offset}", channel, epoch, offset, from: null, JsonSerializer.SerializeToElement(offset), _time.GetUtcNow());
            await Archive.AppendAsync(publication, keep, CancellationToken.None);
        }
    }
}
