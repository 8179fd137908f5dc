using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

public sealed partial class ClientSessionTests
{
    private readonly RecordingApplication _application = new();
    private readonly RecordingTransport _transport = new();
    private readonly RecordingLogger<ClientSession> _logger = new();
    private TestChannels? _node;

    private List<long> _gapNotices => _transport.Gaps;

    private List<string> _disconnectReasons => _transport.CloseReasons;

    [Fact]
    public void OnPublication_OutboxFullUnderDropPolicy_CountsDroppedAndTellsOfTheGap()
    {
        var connection = Connection(OutboxFullPolicy.Drop);

        Overflow(connection, by: 3);

        Assert.Equal(3, connection.Dropped);
        Assert.Equal(2, connection.Outbox.Pending);
        Assert.Equal([1], _gapNotices);
        Assert.Empty(_disconnectReasons);
    }

    [Fact]
    public async Task OnPublication_OutboxFullUnderDropPolicy_DropsTheNewMessagesNotTheQueuedOnes()
    {
        var connection = Connection(OutboxFullPolicy.Drop);

        Overflow(connection, by: 3);

        Assert.Equal([1, 2], await connection.Outbox.DrainOffsetsAsync());
    }

    [Fact]
    public void OnPublication_OutboxFullUnderDisconnectPolicy_AsksToDisconnectOnce()
    {
        var connection = Connection(OutboxFullPolicy.Disconnect);

        Overflow(connection, by: 5);

        var reason = Assert.Single(_disconnectReasons);
        Assert.Contains("outbox full", reason, StringComparison.Ordinal);
        Assert.Empty(_gapNotices);
    }

    [Fact]
    public void Disconnect_ByAnOperator_ClosesTheRegisteredClientsConnection_AndOnlyIts()
    {
        var connection = Connection(OutboxFullPolicy.Drop);
        _node!.Registry.Register(connection);

        Assert.False(_node.Registry.Disconnect("someone-else"));
        Assert.Empty(_disconnectReasons);
        Assert.True(_node.Registry.Disconnect(connection.Client.ClientId));

        var reason = Assert.Single(_disconnectReasons);
        Assert.Contains("operator", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OnPublication_OutboxFullUnderDisconnectPolicy_CountsTheDroppedToo()
    {
        var connection = Connection(OutboxFullPolicy.Disconnect);

        Overflow(connection, by: 2);

        Assert.Equal(2, connection.Dropped);
        Assert.Equal(2, connection.Outbox.Pending);
    }

    [Theory]
    [InlineData(nameof(OutboxFullPolicy.Drop))]
    [InlineData(nameof(OutboxFullPolicy.Disconnect))]
    public void OnPublication_OutboxFull_LogsAWarningWithThePolicyAndTheDroppedCount(string policyName)
    {
        var policy = Enum.Parse<OutboxFullPolicy>(policyName);
        var connection = Connection(policy);

        Overflow(connection, by: 2);

        // Under either policy the channel lags after its first drop: what follows is counted, not
        // logged again, and never queued ahead of the refused one (it comes back from history).
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(policy, warning.Properties["Policy"]);
        Assert.Equal(1L, warning.Properties["Dropped"]);
        Assert.Equal(2, connection.Dropped);
        Assert.Equal("client-1", warning.Properties["ClientId"]);
    }

    [Fact]
    public async Task OnPublication_AfterADropUnderDropPolicy_SkipsTheChannelUntilItIsCaughtUpFromHistory()
    {
        var connection = Connection(OutboxFullPolicy.Drop);
        var delivered = new List<long>();
        Overflow(connection, by: 1);

        // The pump takes what is queued before its first wait, so the outbox has room again.
        var pump = connection.Outbox.PumpAsync(
            (batch, _) =>
            {
                delivered.AddRange(batch.OfType<Publication>().Select(p => p.Offset));
                return Task.CompletedTask;
            },
            CancellationToken.None);
        connection.Subscriptions.OnPublication(TestPublications.Of("after the gap", offset: 4));
        connection.Outbox.Complete();
        await pump;

        // 3 and 4 are not lost: they are in the channel's history and a catch-up brings them in
        // order (ClientSessionCatchUpTests); until then nothing jumps the gap.
        Assert.Equal([1, 2], delivered);
        Assert.Equal(2, connection.Dropped);
    }

    [Fact]
    public async Task OnPublication_AfterDispose_IgnoredWithoutCountingOrDisconnecting()
    {
        var connection = Connection(OutboxFullPolicy.Disconnect);
        await connection.DisposeAsync();

        Overflow(connection, by: 1);

        Assert.Equal(0, connection.Dropped);
        Assert.Empty(_disconnectReasons);
    }

    [Fact]
    public async Task ReceiveAsync_WithinLimits_HandsTheMessageToTheApplicationStampedWithTheSender()
    {
        var connection = Connection();

        var result = await connection.SendAsync(Json("hello"), CancellationToken.None);

        Assert.True(result.Ok);
        var message = Assert.Single(_application.Messages);
        Assert.Equal(result.Id, message.Id);
        Assert.Equal("hello", message.Text);
        Assert.Equal(connection.Client, message.Sender);
    }

    [Fact]
    public async Task ReceiveAsync_OverMaxMessageBytes_RefusedTooLargeBeforeTheApplication()
    {
        var connection = Connection(configure: o => o.Messages.MaxMessageBytes = 10);

        var atLimit = await connection.SendAsync(Json("12345678"), CancellationToken.None);
        var overLimit = await connection.SendAsync(Json("123456789"), CancellationToken.None);

        Assert.True(atLimit.Ok);
        Assert.Equal(ErrorCodes.TooLarge, overLimit.Code);
        Assert.Single(_application.Messages);
    }

    [Fact]
    public async Task CallAsync_ArgumentsOverMaxMessageBytes_RefusedTooLargeBeforeTheFunctionIsLookedUp()
    {
        var connection = Connection(configure: o => o.Messages.MaxMessageBytes = 10);

        var atLimit = await connection.CallAsync("noSuchFunction", Json(new[] { "123456" }));
        var overLimit = await connection.CallAsync("noSuchFunction", Json(new[] { "1234567" }));

        Assert.Equal(ErrorCodes.NotFound, atLimit.Code);
        Assert.Equal(ErrorCodes.TooLarge, overLimit.Code);
    }

    [Fact]
    public async Task ReceiveAsync_BurstBeyondTheRateLimit_RefusedRateLimited()
    {
        var connection = Connection(configure: o => (o.Messages.RateLimitPerSecond, o.Messages.RateLimitBurst) = (1, 2));

        var results = new List<SendResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await connection.SendAsync(Json(i), CancellationToken.None));
        }

        Assert.Equal([null, null, ErrorCodes.RateLimited], results.Select(r => r.Code));
    }

    [Fact]
    public async Task ReceiveAsync_FirstMessagesLongAfterConnecting_GetTheBurstAndNoMore()
    {
        // The rate limit is made with the first message: a client that waited saved no more than the burst.
        var time = new FakeTimeProvider();
        var options = new TestOptions();
        (options.Messages.RateLimitPerSecond, options.Messages.RateLimitBurst) = (1, 2);
        var connection = TestConnections.Create(_application, options, time: time);
        time.Advance(TimeSpan.FromMinutes(10));

        var results = new List<SendResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await connection.SendAsync(Json(i), CancellationToken.None));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        results.Add(await connection.SendAsync(Json(3), CancellationToken.None));

        Assert.Equal([null, null, ErrorCodes.RateLimited, null], results.Select(r => r.Code));
        Assert.Equal(3, _application.Messages.Count);
    }

    [Fact]
    public async Task ReceiveAsync_ConcurrentFirstMessages_ReachTheApplicationOneAtATime()
    {
        // The per-client gate is made with the first message too; two racing first messages share it.
        var running = 0;
        var overlapped = false;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _application.OnMessage = async _ =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await release.Task;
            Interlocked.Decrement(ref running);
        };
        var connection = Connection();

        var first = Task.Run(() => connection.SendAsync(Json(1), CancellationToken.None));
        var second = Task.Run(() => connection.SendAsync(Json(2), CancellationToken.None));
        await Task.Delay(100);
        release.SetResult();
        var results = await Task.WhenAll(first, second);

        Assert.False(overlapped);
        Assert.All(results, r => Assert.True(r.Ok));
    }

    [Fact]
    public async Task ReceiveAsync_ApplicationRejects_RefusedWithTheApplicationsReason()
    {
        _application.OnMessage = _ => throw new MessageRejectedException("not today");
        var connection = Connection();

        var result = await connection.SendAsync(Json("hello"), CancellationToken.None);

        Assert.Equal(ErrorCodes.Rejected, result.Code);
        Assert.Equal("not today", result.Message);
    }

    [Fact]
    public async Task ReceiveAsync_ApplicationFails_RefusedWithoutItsDetails()
    {
        _application.OnMessage = _ => throw new InvalidOperationException("connection string: secret");
        var connection = Connection();

        var result = await connection.SendAsync(Json("hello"), CancellationToken.None);

        Assert.Equal(ErrorCodes.Rejected, result.Code);
        Assert.DoesNotContain("secret", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_AfterDispose_RefusedDisconnected()
    {
        var connection = Connection();
        await connection.DisposeAsync();

        var result = await connection.SendAsync(Json("hello"), CancellationToken.None);

        Assert.Equal(ErrorCodes.Disconnected, result.Code);
        Assert.True(connection.Lifetime.IsCancellationRequested);
        Assert.Empty(_application.Messages);
    }

    [Fact]
    public async Task Snapshot_AttachedAndDetached_ListsTheChannelsItIsIn()
    {
        var connection = Connection();
        connection.AttachForTest(_node!.Engine, new ChannelKey(_application.Descriptor.Id, "room:a"));

        var attached = connection.Snapshot();
        await connection.Subscriptions.DetachAsync("room:a");

        Assert.Equal([TestPublications.Channel.Name, "room:a"], attached.Channels.Order(StringComparer.Ordinal));
        Assert.Equal([TestPublications.Channel.Name], connection.Snapshot().Channels);
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>Fills the two-message outbox, then publishes <paramref name="by"/> more.</summary>
    private static void Overflow(ClientSession connection, int by)
    {
        foreach (var publication in TestPublications.Numbered(2 + by))
        {
            connection.Subscriptions.OnPublication(publication);
        }
    }

    private ClientSession Connection(OutboxFullPolicy policy = OutboxFullPolicy.Disconnect, Action<TestOptions>? configure = null)
    {
        var options = new TestOptions();
        options.Push.OutboxCapacity = 2;
        options.Push.OutboxFullPolicy = policy;
        configure?.Invoke(options);
        _node = new TestChannels(_application, options);
        var connection = _node.Connect(logger: _logger);

        // The test drains the outbox itself; gap notices and close requests are recorded.
        connection.Start(_transport, pump: false);

        // Publications reach a connection only in channels it is attached to.
        connection.AttachForTest(_node!.Engine, TestPublications.Channel);
        return connection;
    }
}
