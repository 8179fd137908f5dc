using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>The sweep forgets what nobody uses, and only that.</summary>
public sealed class InMemoryEngineSweepTests
{
    private static readonly ChannelKey Gone = ChannelKey.ForClient("test-app", "departed");
    private static readonly ChannelKey Busy = new("test-app", "room:busy");

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Sweep_UnusedChannelWhoseHistoryExpired_IsForgotten_AndComesBackInANewEpoch()
    {
        var engine = Engine();
        var old = await engine.PublishAsync(Gone, null, JsonSerializer.SerializeToElement("hello"));

        Assert.Equal(0, engine.Memory.Sweep());
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, engine.Memory.Sweep());
        Assert.Equal(0, engine.Memory.ChannelCount);

        var again = await engine.PublishAsync(Gone, null, JsonSerializer.SerializeToElement("again"));
        Assert.Equal(1, again.Offset);
        Assert.NotEqual(old.Epoch, again.Epoch);
    }

    [Fact]
    public async Task Sweep_SubscribedOrSeededChannels_AreKept_AndPresenceIsNotTheBrokers()
    {
        var engine = Engine();
        var subscriber = new RecordingSubscriber();
        await engine.SubscribeAsync(Busy, subscriber);
        var present = new ChannelKey("test-app", "room:present");
        await engine.JoinPresenceAsync(present, new PresenceMember("ann", null, default));
        var archived = new ChannelKey("test-app", "room:archived");
        await engine.SeedChannelAsync(archived, "stored", 41);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, engine.Memory.Sweep());

        // The member is the presence store's: the broker never held its channel, and still has it not.
        Assert.Equal(2, engine.Memory.ChannelCount);
        Assert.Equal(["ann"], (await engine.GetPresenceAsync(present)).Select(m => m.ClientId));
        Assert.Equal(42, (await engine.PublishAsync(archived, null, JsonSerializer.SerializeToElement(1))).Offset);
        await engine.PublishAsync(Busy, null, JsonSerializer.SerializeToElement(1));
        Assert.Single(subscriber.Received);
    }

    private TestEngine Engine() => TestEngine.InMemory(TestOptions.With().Rules(), _time);
}
