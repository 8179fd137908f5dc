using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>
/// The channel archive, on every provider (see the classes below). Each test works in channels of
/// its own, so the tests of a class can share its database.
/// </summary>
public abstract class EfChannelArchiveTests<TDatabase>(TDatabase database) : DatabaseTests<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private readonly ChannelKey _channel = new("chat", NewId("room"));

    private IChannelArchive Archive => Services.GetRequiredService<IChannelArchive>();

    [Fact]
    public async Task OpenAsync_NewChannel_UsesTheProposedEpochFromOffsetZero()
    {
        var opened = await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);

        Assert.Equal(("epoch-a", 0L), opened);
        Assert.Equal(1, await ChannelRowsAsync(_channel));
    }

    [Fact]
    public async Task OpenAsync_AlreadyArchived_ReturnsTheFirstEpochAndTheLatestOffset()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        await AppendAsync(Message(1), Message(2));

        var reopened = await Archive.OpenAsync(_channel, "epoch-b", CancellationToken.None);

        Assert.Equal(("epoch-a", 2L), reopened);
        Assert.Equal(1, await ChannelRowsAsync(_channel));
    }

    [Fact]
    public async Task OpenAsync_TwoOpensAtOnce_BothGetTheSameEpochAndOneChannel()
    {
        // Several channels, so that the two opens really overlap on some of them.
        var channels = Enumerable.Range(0, 8).Select(_ => new ChannelKey("chat", NewId("room"))).ToArray();

        var opened = await Task.WhenAll(channels.SelectMany(c => new[]
        {
            Archive.OpenAsync(c, "epoch-a", CancellationToken.None),
            Archive.OpenAsync(c, "epoch-b", CancellationToken.None),
        }));

        foreach (var (channel, index) in channels.Select((c, i) => (c, i)))
        {
            var (first, second) = (opened[2 * index], opened[(2 * index) + 1]);
            Assert.Equal(first, second);
            Assert.Contains(first.Epoch, new[] { "epoch-a", "epoch-b" });
            Assert.Equal(0, first.LatestOffset);
            Assert.Equal(1, await ChannelRowsAsync(channel));
        }
    }

    [Fact]
    public async Task ReadAsync_AfterAppends_ReturnsEveryFieldInOffsetOrder()
    {
        var (epoch, _) = await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        var written = new[]
        {
            Message(1, new { text = "<b>héllo</b> ✓", n = 1 }, from: "client-a", exclude: ["client-b", "client-c"]),
            Message(2, "plain text"),
            Message(3, new[] { 1, 2, 3 }, from: "client-b"),
        };

        // Written out of order, as concurrent publishers may.
        await AppendAsync(written[2], written[0], written[1]);
        var read = await Archive.ReadAsync(_channel, afterOffset: 0, max: 100, CancellationToken.None);

        Assert.Equal(written.Select(Fields), read.Select(Fields));
        Assert.All(read, p => Assert.Equal((_channel, epoch), (p.Channel, p.Epoch)));
    }

    [Fact]
    public async Task ReadAsync_AfterAnOffset_ReturnsOnlyLaterPublications()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        await AppendAsync(Numbered(1, 5));

        var read = await Archive.ReadAsync(_channel, afterOffset: 2, max: 100, CancellationToken.None);

        Assert.Equal([3L, 4L, 5L], read.Select(p => p.Offset));
    }

    [Fact]
    public async Task ReadAsync_MoreThanMax_ReturnsTheNewestOldestFirst()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        await AppendAsync(Numbered(1, 5));

        var read = await Archive.ReadAsync(_channel, afterOffset: 0, max: 2, CancellationToken.None);

        Assert.Equal([4L, 5L], read.Select(p => p.Offset));
    }

    [Fact]
    public async Task DeleteIfIdleAsync_DeletesAChannelUntouchedSinceTheCutoff_WithItsPublications_AndKeepsABusyOne()
    {
        var busy = new ChannelKey("chat", NewId("room"));
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        await Archive.OpenAsync(busy, "epoch-a", CancellationToken.None);
        await AppendAsync(Message(1), Message(2), Message(1, channel: busy));
        Time.Advance(TimeSpan.FromDays(2));
        await AppendAsync(Message(2, channel: busy));
        var cutoff = Time.GetUtcNow() - TimeSpan.FromDays(1);

        var listed = await Archive.ListChannelsCreatedBeforeAsync(cutoff, CancellationToken.None);
        var idleDeleted = await Archive.DeleteIfIdleAsync(_channel, cutoff, CancellationToken.None);
        var busyDeleted = await Archive.DeleteIfIdleAsync(busy, cutoff, CancellationToken.None);

        Assert.Contains(_channel, listed);
        Assert.Contains(busy, listed);
        Assert.Equal((true, false), (idleDeleted, busyDeleted));
        Assert.Equal(0, await ChannelRowsAsync(_channel));
        Assert.Empty(await Archive.ReadAsync(_channel, 0, 10, CancellationToken.None));
        Assert.Equal(2, (await Archive.ReadAsync(busy, 0, 10, CancellationToken.None)).Count);
        Assert.Equal(("epoch-b", 0L), await Archive.OpenAsync(_channel, "epoch-b", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_NeverOpened_ReturnsNothing()
    {
        Assert.Empty(await Archive.ReadAsync(_channel, afterOffset: 0, max: 100, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_SameNameInAnotherApplication_KeepsTheChannelsApart()
    {
        var other = _channel with { ApplicationId = "relay" };
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        await Archive.OpenAsync(other, "epoch-b", CancellationToken.None);
        await AppendAsync(Message(1, "chat"));
        await AppendAsync(Message(1, "relay", channel: other));

        var read = await Archive.ReadAsync(other, afterOffset: 0, max: 100, CancellationToken.None);

        Assert.Equal(["\"relay\""], read.Select(p => p.Data.GetRawText()));
        Assert.Equal("epoch-b", read.Single().Epoch);
    }

    // The archive trims on every 64th offset, not on every write: 64 appends reach one trim.
    [Theory]
    [InlineData(10, 55)]
    [InlineData(63, 2)]
    [InlineData(64, 1)]
    public async Task AppendAsync_TrimmingAppend_KeepsTheNewestKeep(int keep, int firstKept)
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);

        await AppendAsync(keep, Numbered(1, 64));

        var read = await Archive.ReadAsync(_channel, afterOffset: 0, max: 1000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(firstKept, 64 - firstKept + 1).Select(o => (long)o), read.Select(p => p.Offset));
    }

    [Fact]
    public async Task AppendAsync_OlderOffsetAfterANewerOne_LatestOffsetStaysAtTheNewer()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);

        await AppendAsync(Message(5), Message(3));

        Assert.Equal(("epoch-a", 5L), await Archive.OpenAsync(_channel, "epoch-b", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppends_LatestOffsetIsTheHighest()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);

        await Task.WhenAll(Numbered(1, 20).Select(p => Archive.AppendAsync(p, keep: 100, CancellationToken.None)));

        Assert.Equal(("epoch-a", 20L), await Archive.OpenAsync(_channel, "epoch-b", CancellationToken.None));
        Assert.Equal(20, (await Archive.ReadAsync(_channel, afterOffset: 0, max: 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AppendAsync_ManyAtOnceInSeveralChannels_EveryOneIsArchivedAndEachChannelAtItsNewest()
    {
        // More than one group of the writer (256), arriving in no particular order.
        var channels = Enumerable.Range(0, 3).Select(_ => new ChannelKey("chat", NewId("room"))).ToArray();
        foreach (var channel in channels)
        {
            await Archive.OpenAsync(channel, "epoch-a", CancellationToken.None);
        }

        var publications = channels.SelectMany(c => Enumerable.Range(1, 200).Select(o => Message(o, channel: c))).Reverse().ToArray();
        await Task.WhenAll(publications.Select(p => Archive.AppendAsync(p, keep: 1000, CancellationToken.None)));

        foreach (var channel in channels)
        {
            Assert.Equal(("epoch-a", 200L), await Archive.OpenAsync(channel, "epoch-b", CancellationToken.None));
            var read = await Archive.ReadAsync(channel, afterOffset: 0, max: 1000, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, 200).Select(o => (long)o), read.Select(p => p.Offset));
        }
    }

    [Fact]
    public async Task AppendAsync_OneBadPublicationAmongOthers_FailsAloneAndTheOthersAreArchived()
    {
        await Archive.OpenAsync(_channel, "epoch-a", CancellationToken.None);
        var neverOpened = new ChannelKey("chat", NewId("room"));

        // Queued together: the same offset twice, and a channel the archive never opened.
        var appends = Numbered(1, 30).Append(Message(7)).Append(Message(1, channel: neverOpened))
            .Select(p => (p, Task: Archive.AppendAsync(p, keep: 100, CancellationToken.None)))
            .ToArray();
        await Task.WhenAll(appends.Select(a => a.Task)).ContinueWith(_ => { }, TaskScheduler.Default);

        var failed = appends.Where(a => a.Task.IsFaulted).Select(a => (a.p.Channel.Name, a.p.Offset)).ToArray();
        Assert.Equal(2, failed.Length);
        Assert.Contains((neverOpened.Name, 1L), failed);
        Assert.Contains((_channel.Name, 7L), failed);
        var read = await Archive.ReadAsync(_channel, afterOffset: 0, max: 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 30).Select(o => (long)o), read.Select(p => p.Offset));
        Assert.Empty(await Archive.ReadAsync(neverOpened, afterOffset: 0, max: 100, CancellationToken.None));
    }

    private Publication Message(long offset, object? data = null, string? from = null, string[]? exclude = null, ChannelKey? channel = null) => new(
        $"message-{offset}",
        channel ?? _channel,
        "epoch-of-the-publisher",
        offset,
        from,
        JsonSerializer.SerializeToElement(data ?? offset),
        Time.GetUtcNow().AddSeconds(offset).ToOffset(TimeSpan.FromHours(2)),
        exclude);

    private Publication[] Numbered(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(o => Message(o)).ToArray();

    private Task AppendAsync(params Publication[] publications) => AppendAsync(keep: 100, publications);

    private async Task AppendAsync(int keep, params Publication[] publications)
    {
        foreach (var publication in publications)
        {
            await Archive.AppendAsync(publication, keep, CancellationToken.None);
        }
    }

    private async Task<int> ChannelRowsAsync(ChannelKey channel)
    {
        await using var context = await Services.GetRequiredService<IDbContextFactory<ThywillDbContext>>().CreateDbContextAsync();
        return await context.ArchivedChannels.CountAsync(c => c.ApplicationId == channel.ApplicationId && c.Name == channel.Name);
    }

    /// <summary>What the archive must give back as written (the epoch is the channel's, not the publisher's).</summary>
    private static (string, long, string?, string, DateTimeOffset, string) Fields(Publication p) =>
        (p.Id, p.Offset, p.From, p.Data.GetRawText(), p.Timestamp, string.Join(",", p.Exclude ?? []));
}

public sealed class SqliteEfChannelArchiveTests(SqliteTestDatabase database) : EfChannelArchiveTests<SqliteTestDatabase>(database);

/// <summary>On the real PostgreSQL server that ./test.sh starts.</summary>
public sealed class PostgreSqlEfChannelArchiveTests(PostgreSqlTestDatabase database) : EfChannelArchiveTests<PostgreSqlTestDatabase>(database);
