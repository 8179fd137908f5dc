using System.Text.Json;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Channels;

/// <summary>
/// The browser's join, leave and publish: each bad input is a named error, a structured log line,
/// and no change — no membership, no subscription, no presence, nothing published.
/// </summary>
public sealed partial class ChannelOperationsTests
{
    private const int MaxMessageBytes = 256;

    /// <summary>How long archived <c>log:*</c> channels keep publications in memory; the archive keeps them longer.</summary>
    private static readonly TimeSpan ArchivedHistoryAge = TimeSpan.FromMinutes(1);

    private readonly RecordingApplication _application = new();
    private readonly TestChannels _channels;
    private readonly ClientSession _client;

    public ChannelOperationsTests()
    {
        var options = new TestOptions();
        options.Applications[_application.Descriptor.Id] = new ApplicationOptions
        {
            Channels =
            [
                new() { Pattern = "room:*", Join = true, Publish = true, Presence = true },
                new() { Pattern = "news:*", Join = true },
                new() { Pattern = "staff:*" },
                new() { Pattern = "log:*", Join = true, Publish = true, Archive = true, HistoryAge = ArchivedHistoryAge },
            ],
        };
        options.Channels.MaxChannelsPerClient = 2;
        options.Channels.MaxPresenceInfoBytes = 32;
        options.Messages.MaxMessageBytes = MaxMessageBytes;
        options.Push.OutboxCapacity = 100;
        _channels = new TestChannels(_application, options);
        _client = _channels.Connect();
    }

    public static TheoryData<string> MalformedNames =>
    [
        "",
        " ",
        "room 1",
        "room/1",
        "räum:1",
        "room:1\n",
        "<script>",
        "$client:client-2",
        "$broadcast",
        "room:" + new string('a', ChannelNames.MaxLength - "room:".Length + 1),
    ];

    [Fact]
    public async Task ClientJoinAsync_AllowedByTheRule_JoinsSubscribesAndEntersPresence()
    {
        var watcher = await _channels.WatchAsync("room:1");
        await _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", "before");

        var result = await JoinAsync("room:1");

        Assert.True(result.Ok);
        Assert.Equal((1L, "room:1"), (result.Offset, result.Channel));
        Assert.Equal(watcher.Received[0].Epoch, result.Epoch);
        Assert.Equal(["client-1"], result.Presence!.Select(p => p.ClientId));
        Assert.Equal(["room:1"], await ChannelsOfClientAsync());
        Assert.Contains("room:1", _client.Channels);
        Assert.Equal(["join client-1"], ClientEvents.Describe(watcher.Presence));
    }

    [Fact]
    public async Task ClientJoinAsync_WithHistory_DeliversWhatTheChannelKeepsBeforeLiveOnes()
    {
        await _channels.Service.PublishAsync(_channels.ApplicationId, "news:1", "first");
        await _channels.Service.PublishAsync(_channels.ApplicationId, "news:1", "second");

        var result = await _channels.Operations.JoinAsync(_client, "news:1", from: null, withHistory: true, default, CancellationToken.None);
        await _channels.Service.PublishAsync(_channels.ApplicationId, "news:1", "third");

        Assert.Equal(2, result.Offset);
        Assert.Equal(["1", "2", "3"], await _client.Outbox.DrainDescribedAsync());
    }

    [Fact]
    public async Task JoinAsync_FromTheServer_PassesNeitherRuleNorHook()
    {
        _application.Authorize = _ => false;

        await _channels.Service.JoinAsync(_channels.ApplicationId, "client-1", "staff:1");

        Assert.Equal(["staff:1"], await ChannelsOfClientAsync());
    }

    [Fact]
    public async Task ClientJoinAsync_NoRuleMatches_NotFoundAndNothingChanges()
    {
        var result = await JoinAsync("lobby");

        await AssertRefusedAsync(result, ErrorCodes.NotFound, "lobby");
    }

    [Fact]
    public async Task ClientJoinAsync_RuleForbidsJoining_NoPermissionAndNothingChanges()
    {
        var result = await JoinAsync("staff:1");

        await AssertRefusedAsync(result, ErrorCodes.NoPermission, "staff:1");
    }

    [Fact]
    public async Task ClientJoinAsync_ApplicationRefuses_NoPermissionAndNothingChanges()
    {
        var requests = new List<ChannelAccessRequest>();
        _application.Authorize = request =>
        {
            requests.Add(request);
            return false;
        };

        var result = await JoinAsync("room:1");

        await AssertRefusedAsync(result, ErrorCodes.NoPermission, "room:1");
        var request = Assert.Single(requests);
        Assert.Equal((ChannelOperation.Join, "room:1", "room:*"), (request.Operation, request.Channel, request.Rule?.Pattern));
        Assert.Equal(_client.Client, request.Client);
        Assert.True(request.AllowedByRule);
    }

    [Fact]
    public async Task ClientJoinAsync_ApplicationHookThrows_RefusedAndLoggedAsAnError()
    {
        _application.Authorize = _ => throw new InvalidOperationException("the hook broke");

        var result = await JoinAsync("room:1");

        await AssertRefusedAsync(result, ErrorCodes.NoPermission, "room:1");
        var error = Assert.Single(_channels.Logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("the hook broke", error.Exception?.Message);
        Assert.Equal("room:1", error.Properties["Channel"]);
    }

    [Fact]
    public async Task ClientJoinAsync_ApplicationAllowsAChannelNoRuleMatches_JoinsAndMayPublish()
    {
        _application.Authorize = request => request.Channel == "secret" || request.AllowedByRule;

        var joined = await JoinAsync("secret");
        var published = await PublishAsync("secret", "psst");

        Assert.True(joined.Ok);
        Assert.True(published.Ok);
        Assert.Equal(["secret"], await ChannelsOfClientAsync());
        Assert.Equal(["1"], await _client.Outbox.DrainDescribedAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public async Task ClientJoinAsync_MalformedName_InvalidChannelAndNothingChanges(string channel)
    {
        _application.Authorize = _ => true;

        var result = await JoinAsync(channel);

        await AssertRefusedAsync(result, ErrorCodes.InvalidChannel, channel);
        Assert.Null(result.Channel);
    }

    [Fact]
    public async Task ClientJoinAsync_NameOfMaxLength_Joins()
    {
        var channel = "room:" + new string('a', ChannelNames.MaxLength - "room:".Length);

        var result = await JoinAsync(channel);

        Assert.True(result.Ok);
    }

    [Fact]
    public async Task ClientJoinAsync_OverLongName_LogsItCutShort()
    {
        var channel = "room:" + new string('a', 10_000);

        await JoinAsync(channel);

        var logged = (string)Assert.Single(_channels.Logger.Entries).Properties["Channel"]!;
        Assert.True(logged.Length <= ChannelNames.MaxLength + 1, $"The log line carries {logged.Length} characters of the name.");
    }

    [Fact]
    public async Task ClientJoinAsync_OneChannelPastMaxChannelsPerClient_TooManyChannelsAndNothingChanges()
    {
        await JoinAsync("room:1");
        await JoinAsync("room:2");

        var result = await JoinAsync("room:3");

        Assert.Equal(ErrorCodes.TooManyChannels, result.Code);
        Assert.Equal(["room:1", "room:2"], await ChannelsOfClientAsync());
        Assert.DoesNotContain("room:3", _client.Channels);
        Assert.Empty(await _channels.Service.GetPresenceAsync(_channels.ApplicationId, "room:3"));
        AssertLoggedRefusal(ErrorCodes.TooManyChannels, "room:3");
    }

    [Fact]
    public async Task ClientJoinAsync_AgainAtMaxChannelsPerClient_StillJoined()
    {
        await JoinAsync("room:1");
        await JoinAsync("room:2");

        var again = await JoinAsync("room:1");

        Assert.True(again.Ok);
        Assert.Equal(["room:1", "room:2"], await ChannelsOfClientAsync());
    }

    [Fact]
    public async Task ClientJoinAsync_PresenceInfoOverTheLimit_TooLargeAndNothingChanges()
    {
        var info = JsonSerializer.SerializeToElement(new { name = new string('n', 32) });

        var result = await _channels.Operations.JoinAsync(_client, "room:1", from: null, withHistory: false, info, CancellationToken.None);

        await AssertRefusedAsync(result, ErrorCodes.TooLarge, "room:1");
    }

    [Fact]
    public async Task ClientLeaveAsync_Member_LeavesMembershipSubscriptionAndPresence()
    {
        await JoinAsync("room:1");
        var watcher = await _channels.WatchAsync("room:1");

        var result = await _channels.Operations.LeaveAsync(_client, "room:1", CancellationToken.None);
        await _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", "after");

        Assert.True(result.Ok);
        Assert.Empty(await ChannelsOfClientAsync());
        Assert.Empty(_client.Channels);
        Assert.Equal(["leave client-1"], ClientEvents.Describe(watcher.Presence));
        Assert.Empty(await _client.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task ClientLeaveAsync_NotAMember_NotMemberAndLogged()
    {
        var result = await _channels.Operations.LeaveAsync(_client, "room:1", CancellationToken.None);

        await AssertRefusedAsync(result, ErrorCodes.NotMember, "room:1");
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public async Task ClientLeaveAsync_MalformedName_InvalidChannel(string channel)
    {
        var result = await _channels.Operations.LeaveAsync(_client, channel, CancellationToken.None);

        await AssertRefusedAsync(result, ErrorCodes.InvalidChannel, channel);
    }

    [Fact]
    public async Task ClientPublishAsync_Member_PublishedStampedWithTheSenderToEveryMember()
    {
        var other = _channels.Connect("client-2");
        await _channels.Operations.JoinAsync(other, "room:1", from: null, withHistory: false, default, CancellationToken.None);
        await JoinAsync("room:1");

        var result = await PublishAsync("room:1", "hello");

        Assert.True(result.Ok);
        Assert.Equal(1, result.Offset);
        var received = Assert.Single((await other.Outbox.DrainAsync()).OfType<Publication>());
        Assert.Equal(("client-1", "hello", result.Id), (received.From, received.Data.GetString(), received.Id));
        Assert.Equal([1], await _client.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task ClientPublishAsync_ExcludingSelf_ReachesEveryMemberButThePublisher()
    {
        var other = _channels.Connect("client-2");
        await _channels.Operations.JoinAsync(other, "room:1", from: null, withHistory: false, default, CancellationToken.None);
        await JoinAsync("room:1");

        await _channels.Operations.PublishAsync(_client, "room:1", JsonSerializer.SerializeToElement("stroke"), excludeSelf: true, CancellationToken.None);

        Assert.Empty(await _client.Outbox.DrainOffsetsAsync());
        Assert.Equal([1], await other.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public async Task ClientPublishAsync_WithoutJoining_NotMemberAndNothingPublished()
    {
        var result = await PublishAsync("room:1", "hello");

        await AssertRefusedAsync(result, ErrorCodes.NotMember, "room:1");
    }

    [Fact]
    public async Task ClientPublishAsync_NoRuleMatches_NotFoundAndNothingPublished()
    {
        var result = await PublishAsync("lobby", "hello");

        await AssertRefusedAsync(result, ErrorCodes.NotFound, "lobby");
    }

    [Fact]
    public async Task ClientPublishAsync_RuleForbidsPublishing_NoPermissionAndNothingPublished()
    {
        await JoinAsync("news:1");

        var result = await PublishAsync("news:1", "hello");

        Assert.Equal(ErrorCodes.NoPermission, result.Code);
        Assert.Equal(0, await _channels.LatestOffsetAsync("news:1"));
        AssertLoggedRefusal(ErrorCodes.NoPermission, "news:1");
    }

    [Fact]
    public async Task ClientPublishAsync_ApplicationRefusesPublishing_NoPermissionAndNothingPublished()
    {
        var asked = new List<string?>();
        _application.Authorize = request =>
        {
            asked.Add(request.Operation == ChannelOperation.Publish ? request.Data.GetString() : null);
            return request.Operation == ChannelOperation.Join;
        };
        await JoinAsync("room:1");

        var result = await PublishAsync("room:1", "spam");

        Assert.Equal(ErrorCodes.NoPermission, result.Code);
        Assert.Equal(0, await _channels.LatestOffsetAsync("room:1"));
        Assert.Equal([null, "spam"], asked);
    }

    [Fact]
    public async Task ClientPublishAsync_OnePastMaxMessageBytes_TooLargeAndNothingPublished()
    {
        await JoinAsync("room:1");

        // A JSON string's quotes count: n characters are n + 2 bytes.
        var atLimit = await PublishAsync("room:1", new string('x', MaxMessageBytes - 2));
        var onePast = await PublishAsync("room:1", new string('x', MaxMessageBytes - 1));

        Assert.True(atLimit.Ok);
        Assert.Equal(ErrorCodes.TooLarge, onePast.Code);
        Assert.Equal(1, await _channels.LatestOffsetAsync("room:1"));
        AssertLoggedRefusal(ErrorCodes.TooLarge, "room:1");
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public async Task ClientPublishAsync_MalformedName_InvalidChannelAndNothingPublished(string channel)
    {
        _application.Authorize = _ => true;

        var result = await PublishAsync(channel, "hello");

        await AssertRefusedAsync(result, ErrorCodes.InvalidChannel, channel);
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public async Task PublishAsync_FromTheServerToAMalformedName_Throws(string channel)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _channels.Service.PublishAsync(_channels.ApplicationId, channel, "hello"));
    }

    [Fact]
    public async Task PublishAsync_FromTheServerOverMaxMessageBytes_ThrowsAndPublishesNothing()
    {
        await Assert.ThrowsAsync<MessageTooLargeException>(() => _channels.Service.PublishAsync(_channels.ApplicationId, "room:1", new string('x', MaxMessageBytes)));

        Assert.Equal(0, await _channels.LatestOffsetAsync("room:1"));
    }

    private Task<SendResult> JoinAsync(string channel) =>
        _channels.Operations.JoinAsync(_client, channel, from: null, withHistory: false, default, CancellationToken.None);

    private Task<SendResult> PublishAsync(string channel, string text) =>
        _channels.Operations.PublishAsync(_client, channel, JsonSerializer.SerializeToElement(text), excludeSelf: false, CancellationToken.None);

    private Task<IReadOnlyList<string>> ChannelsOfClientAsync() =>
        _channels.Service.GetChannelsAsync(_channels.ApplicationId, _client.Client.ClientId);

    /// <summary>Refused with <paramref name="code"/>, logged, and nothing about the channel changed.</summary>
    private async Task AssertRefusedAsync(SendResult result, string code, string channel)
    {
        Assert.False(result.Ok);
        Assert.Equal(code, result.Code);
        Assert.False(string.IsNullOrEmpty(result.Message));
        Assert.Empty(await ChannelsOfClientAsync());
        Assert.Empty(_client.Channels);
        Assert.Empty(await _channels.Engine.GetPresenceAsync(_channels.Channel(channel)));
        Assert.Equal(0, await _channels.LatestOffsetAsync(channel));
        AssertLoggedRefusal(code, channel);
    }

    private void AssertLoggedRefusal(string code, string channel)
    {
        var refusal = Assert.Single(_channels.Logger.Entries, e => e.Level == LogLevel.Warning && Equals(e.Properties["Code"], code));
        Assert.Equal(_client.Client.ClientId, refusal.Properties["ClientId"]);
        if (channel.Length <= ChannelNames.MaxLength)
        {
            Assert.Equal(channel, refusal.Properties["Channel"]);
        }
    }
}
