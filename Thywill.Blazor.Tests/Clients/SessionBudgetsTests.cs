using System.Text.Json;
using Microsoft.AspNetCore.Components.Server;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

/// <summary>
/// Every browser operation draws from its own per-client budget; over it, the operation is answered
/// <c>rate-limited</c> and changes nothing, and the log hears of it once per interval.
/// </summary>
public sealed class SessionBudgetsTests
{
    private readonly RecordingApplication _application = new();
    private readonly RecordingLogger<SessionBudgetsTests> _logger = new();
    private readonly TestOptions _options = new();

    public SessionBudgetsTests()
    {
        _options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels = [new() { Pattern = "room:*", Join = true, Publish = true, Presence = true }],
        };
    }

    [Fact]
    public async Task Publish_BeyondItsBurst_IsRefusedRateLimited_AndNothingMoreIsPublished()
    {
        _options.RateLimits.Publish = new RateBudget { PerSecond = 1, Burst = 3 };
        var (node, client) = Connect();
        Assert.True((await client.JoinAsync("room:1", null, CancellationToken.None)).Ok);

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await client.PublishAsync("room:1", Json(i), excludeSelf: false, CancellationToken.None)).Code);
        }

        Assert.Equal([null, null, null, ErrorCodes.RateLimited, ErrorCodes.RateLimited], codes);
        Assert.Equal(3, await node.LatestOffsetAsync("room:1"));
    }

    [Fact]
    public async Task JoinAndLeave_DrawFromOneBudget_AndARefusedJoinJoinsNothing()
    {
        _options.RateLimits.Join = new RateBudget { PerSecond = 1, Burst = 3 };
        var (node, client) = Connect();

        var codes = new List<string?>
        {
            (await client.JoinAsync("room:a", null, CancellationToken.None)).Code,
            (await client.LeaveAsync("room:a", CancellationToken.None)).Code,
            (await client.JoinAsync("room:b", null, CancellationToken.None)).Code,
            (await client.JoinAsync("room:c", null, CancellationToken.None)).Code,
        };

        Assert.Equal([null, null, null, ErrorCodes.RateLimited], codes);
        Assert.Equal(["room:b"], await node.Engine.GetMembershipsAsync(node.ApplicationId, client.Client.ClientId));
        Assert.Empty(await node.Engine.GetPresenceAsync(node.Channel("room:c")));
    }

    [Fact]
    public async Task Call_BeyondItsBurst_IsRefusedRateLimited_BeforeTheFunctionIsLookedUp()
    {
        _options.RateLimits.Call = new RateBudget { PerSecond = 1, Burst = 2 };
        var (_, client) = Connect();

        var codes = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await client.CallAsync("noSuchFunction", Json(Array.Empty<int>()))).Code);
        }

        Assert.Equal([ErrorCodes.NotFound, ErrorCodes.NotFound, ErrorCodes.RateLimited], codes);
    }

    [Fact]
    public async Task Budget_RefillsAtItsRate()
    {
        _options.RateLimits.Publish = new RateBudget { PerSecond = 2, Burst = 1 };
        var (node, client) = Connect();
        await client.JoinAsync("room:1", null, CancellationToken.None);

        var first = await client.PublishAsync("room:1", Json(1), excludeSelf: false, CancellationToken.None);
        var tooSoon = await client.PublishAsync("room:1", Json(2), excludeSelf: false, CancellationToken.None);
        node.Time.Advance(TimeSpan.FromMilliseconds(500));
        var refilled = await client.PublishAsync("room:1", Json(3), excludeSelf: false, CancellationToken.None);

        Assert.Equal([null, ErrorCodes.RateLimited, null], new List<string?> { first.Code, tooSoon.Code, refilled.Code });
    }

    [Fact]
    public async Task Refusals_AreLoggedOncePerInterval_WithHowManyThereWere()
    {
        _options.RateLimits.Publish = new RateBudget { PerSecond = 1, Burst = 1 };
        var (node, client) = Connect();
        await client.JoinAsync("room:1", null, CancellationToken.None);

        for (var i = 0; i < 11; i++)
        {
            await client.PublishAsync("room:1", Json(i), excludeSelf: false, CancellationToken.None);
        }

        var afterFlood = RateLimitedLines();
        node.Time.Advance(LogSampler.Interval);
        for (var i = 0; i < 20; i++)
        {
            await client.PublishAsync("room:1", Json(i), excludeSelf: false, CancellationToken.None);
        }

        // 10 refused at first: the first refusal is told at once, the other 9 wait for the next line,
        // which comes with the first refusal after the interval (9 held back + that one).
        var lines = RateLimitedLines();
        Assert.Single(afterFlood);
        Assert.Equal(1L, afterFlood[0].Properties["Refused"]);
        Assert.Equal(2, lines.Count);
        Assert.Equal(10L, lines[1].Properties["Refused"]);
        Assert.Equal("publish", lines[1].Properties["Operation"]);
    }

    [Fact]
    public void Defaults_OneMemberCannotFillAnotherMembersOutbox_WhileItsCircuitIsKept()
    {
        // docs/configuration.md, "Rate limits": what one member can put into another member's outbox
        // while that member is away and its circuit is kept, through every operation that fans out.
        var limits = new SessionLimits();
        var away = new CircuitOptions().DisconnectedCircuitRetentionPeriod.TotalSeconds;
        var budgets = new (int PerSecond, int Burst)[]
        {
            (limits.RateLimits.Publish.PerSecond, limits.RateLimits.Publish.Burst),
            (limits.Messages.RateLimitPerSecond, limits.Messages.RateLimitBurst),
            (limits.RateLimits.Join.PerSecond, limits.RateLimits.Join.Burst),
        };

        var most = budgets.Sum(b => b.Burst + (b.PerSecond * away));

        Assert.Equal(9_130, most);
        Assert.True(most < limits.Push.OutboxCapacity, $"{most} messages fit in no outbox of {limits.Push.OutboxCapacity}.");
    }

    [Fact]
    public async Task Publish_BeyondItsBytes_IsRefusedRateLimited_AndNothingMoreIsPublished()
    {
        // 1,000-character strings are 1,002 bytes of JSON: three fit 3,100 bytes, the fourth does not.
        _options.RateLimits.Bytes = new RateBudget { PerSecond = 1, Burst = 3_100 };
        var (node, client) = Connect();
        Assert.True((await client.JoinAsync("room:1", null, CancellationToken.None)).Ok);

        var codes = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await client.PublishAsync("room:1", Json(new string('x', 1_000)), excludeSelf: false, CancellationToken.None)).Code);
        }

        Assert.Equal([null, null, null, ErrorCodes.RateLimited], codes);
        Assert.Equal(3, await node.LatestOffsetAsync("room:1"));
    }

    [Fact]
    public async Task Send_BeyondItsBytes_IsRefusedRateLimited_BeforeTheApplicationSeesIt()
    {
        _options.RateLimits.Bytes = new RateBudget { PerSecond = 1, Burst = 2_100 };
        var (_, client) = Connect();

        var codes = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await client.SendAsync(Json(new string('x', 1_000)), CancellationToken.None)).Code);
        }

        Assert.Equal([null, null, ErrorCodes.RateLimited], codes);
        Assert.Equal(2, _application.Messages.Count);
    }

    [Fact]
    public void Defaults_OneMemberCannotFillAnotherMembersOutboxBytes_WhileItsCircuitIsKept()
    {
        // docs/configuration.md, "Rate limits", in bytes: the payloads the byte budget lets through in
        // the away time, and each event's envelope at its largest (longest channel name, ids, info).
        var limits = new SessionLimits();
        var away = new CircuitOptions().DisconnectedCircuitRetentionPeriod.TotalSeconds;
        var channel = new ChannelKey("app", new string('c', ChannelNames.MaxLength));
        var envelope = new Publication(IdGenerator.NewId(), channel, IdGenerator.NewId(), long.MaxValue, IdGenerator.NewId(), Json(""), DateTimeOffset.MaxValue).Json.Length;
        var info = Json(new string('i', new ChannelOptions().MaxPresenceInfoBytes - 2));
        var presence = new PresenceEvent(channel, "update", new PresenceMember(IdGenerator.NewId(), new string('u', 64), info)).Json.Length;
        var messages = (limits.RateLimits.Publish.Burst + (limits.RateLimits.Publish.PerSecond * away))
            + (limits.Messages.RateLimitBurst + (limits.Messages.RateLimitPerSecond * away));
        var presenceEvents = limits.RateLimits.Join.Burst + (limits.RateLimits.Join.PerSecond * away);

        var payloads = limits.RateLimits.Bytes.Burst + (limits.RateLimits.Bytes.PerSecond * away);
        var most = payloads + (messages * envelope) + (presenceEvents * presence);

        Assert.True(most < limits.Push.OutboxMaxBytes, $"{most:N0} bytes fit in no outbox of {limits.Push.OutboxMaxBytes:N0}.");
        Assert.InRange(most, 16_000_000, 20_000_000); // the figure docs/configuration.md gives
    }

    private (TestChannels Node, ClientSession Client) Connect()
    {
        var node = new TestChannels(_application, _options);
        return (node, node.Connect(logger: _logger));
    }

    private List<LogEntry> RateLimitedLines() =>
        _logger.Entries.Where(e => e.EventId.Id == 12).ToList();

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
