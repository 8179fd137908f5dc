using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// An archived channel on the Redis engine when Redis comes back empty: its epoch and offsets
/// continue from the database — a subscriber sees the next offset, the archive no clash — where a
/// channel that is not archived starts a new epoch.
/// </summary>
public sealed class ArchivedChannelsOnRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly RecordingApplication _application = new();

    [Fact]
    public async Task RedisLosesEverything_AnArchivedChannelContinuesItsEpochAndOffsetsFromTheDatabase()
    {
        var node = Node(out var options);
        await using var database = await TempDatabase.CreateAsync(TimeProvider.System);
        var channels = new TestChannels(_application, options, database.Archive, redis: node);
        var ann = channels.Connect("ann");
        channels.Registry.Register(ann);
        Assert.True((await channels.Operations.JoinAsync(ann, "log:1", from: null, withHistory: false, default, CancellationToken.None)).Ok);
        var before = await PublishAsync(channels, 1, 3);

        Assert.Equal("+OK", await redis.Server.CommandAsync("FLUSHALL"));
        var after = await PublishAsync(channels, 4, 5);

        Assert.Equal([(before[0].Epoch, 4L), (before[0].Epoch, 5L)], after.Select(p => (p.Epoch, p.Offset)));
        var history = await channels.Service.ReadHistoryAsync(channels.ApplicationId, "log:1", 10);
        Assert.Equal([1L, 2, 3, 4, 5], history.Select(p => p.Offset));
        Assert.All(history, p => Assert.Equal(before[0].Epoch, p.Epoch));
        Assert.Equal([1L, 2, 3, 4, 5], (await database.Archive.ReadAsync(channels.Channel("log:1"), 0, 10, CancellationToken.None)).Select(p => p.Offset));

        // Ann's live subscription goes on with offset 4: nothing lost, nothing repeated, no new epoch.
        await Eventually.Until(() => ann.Outbox.Pending >= 5, "the five publications in Ann's outbox");
        Assert.Equal(["1", "2", "3", "4", "5"], await ann.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task RedisLosesEverything_AChannelThatIsNotArchivedStartsANewEpoch()
    {
        var node = Node(out var options);
        var channels = new TestChannels(_application, options, redis: node);
        var before = await channels.Service.PublishAsync(channels.ApplicationId, "room:1", "one");

        Assert.Equal("+OK", await redis.Server.CommandAsync("FLUSHALL"));
        var after = await channels.Service.PublishAsync(channels.ApplicationId, "room:1", "two");

        Assert.NotEqual(before.Epoch, after.Epoch);
        Assert.Equal(1, after.Offset);
    }

    private RedisTestNode Node(out TestOptions options)
    {
        options = new TestOptions();
        options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels =
            [
                new() { Pattern = "log:*", Join = true, Publish = true, Archive = true },
                new() { Pattern = "room:*", Join = true, Publish = true },
            ],
        };
        return redis.CreateEngine(options, "t" + Guid.NewGuid().ToString("N")[..12]);
    }

    private static async Task<Publication[]> PublishAsync(TestChannels channels, int first, int last)
    {
        var published = new List<Publication>();
        for (var i = first; i <= last; i++)
        {
            published.Add(await channels.Service.PublishAsync(channels.ApplicationId, "log:1", i));
        }

        return [.. published];
    }
}
