using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Clients;

/// <summary>Under the Drop policy a slow client loses nothing that history still holds.</summary>
public sealed class ClientSessionCatchUpTests
{
    private static readonly ChannelKey Room = new("test-app", "room:slow");

    [Fact]
    public async Task OutboxFull_DropPolicy_CatchesUpFromHistory_WithoutGapsOrRepeats()
    {
        var (engine, connection) = await AttachedAsync(capacity: 4, historySize: 1_000);
        var delivered = new List<long>();
        var recoveries = new List<RecoveryEvent>();

        for (var i = 1; i <= 40; i++)
        {
            await engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(i));
        }

        Assert.True(connection.Dropped > 0);
        await DrainAsync(connection, delivered, recoveries, until: () => delivered.Count >= 40 && recoveries.Count > 0);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), delivered);
        Assert.NotEmpty(recoveries);
        Assert.All(recoveries, r => Assert.True(r.Recovered));
    }

    [Fact]
    public async Task OutboxFull_DropPolicy_HistoryReadFailsOnce_TriesAgainByItself_WithNothingElseDelivered()
    {
        var options = TestOptions.With(o =>
        {
            o.Push.OutboxCapacity = 4;
            o.Push.OutboxFullPolicy = OutboxFullPolicy.Drop;
        });
        var node = new TestChannels(new RecordingApplication(), options);
        var connection = node.Connect();
        await connection.Subscriptions.AttachAsync(Room, node.RuleOf(Room.Name), from: null, report: false, CancellationToken.None);
        var failed = 0;
        node.Engine.NextReadHistory = (_, _) =>
        {
            Interlocked.Increment(ref failed);
            return Task.FromException<ChannelHistory>(new Thywill.Blazor.Rpc.RpcException(ErrorCodes.Unavailable, "the engine is away"));
        };

        for (var i = 1; i <= 40; i++)
        {
            await node.Engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(i));
        }

        // The outbox's four go out in one batch; the catch-up it starts fails, and no later delivery
        // would start another: the retry must come from the session itself, after its delay.
        var delivered = new List<long>();
        var recoveries = new List<RecoveryEvent>();
        await DrainAsync(connection, delivered, recoveries, until: () =>
        {
            node.Time.Advance(TimeSpan.FromMilliseconds(100));
            return delivered.Count >= 40 && recoveries.Count > 0;
        });

        Assert.Equal(1, failed);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), delivered);
        Assert.All(recoveries, r => Assert.True(r.Recovered));
    }

    [Fact]
    public async Task OutboxFull_DropPolicy_PastTheRetention_ReportsNotRecovered()
    {
        var (engine, connection) = await AttachedAsync(capacity: 4, historySize: 5);
        var delivered = new List<long>();
        var recoveries = new List<RecoveryEvent>();

        for (var i = 1; i <= 40; i++)
        {
            await engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(i));
        }

        await DrainAsync(connection, delivered, recoveries, until: () => recoveries.Count > 0 && delivered.Contains(40));

        Assert.False(recoveries[0].Recovered);
        Assert.Equal(delivered.Order(), delivered);
        Assert.Equal(delivered.Distinct().Count(), delivered.Count);
        Assert.Equal(Enumerable.Range(36, 5).Select(i => (long)i), delivered.TakeLast(5));
    }

    [Fact]
    public async Task HistoryLongerThanTheOutboxBytes_DisconnectPolicy_GoesOutInSeveralRoundsInOrder_WithoutClosing()
    {
        // 60 publications of about 1 KB into an outbox of about 10: a join with history, not a slow client.
        var options = TestOptions.With(o =>
        {
            o.Push.OutboxMaxBytes = 10 * 1_100;
            o.Push.OutboxFullPolicy = OutboxFullPolicy.Disconnect;
        });
        var node = new TestChannels(new RecordingApplication(), options);
        for (var i = 1; i <= 60; i++)
        {
            await node.Engine.PublishAsync(Room, null, JsonSerializer.SerializeToElement(new { i, text = new string('x', 1_000) }));
        }

        var connection = node.Connect();
        var transport = new RecordingTransport();
        connection.Start(transport, pump: false);
        var epoch = (await node.Engine.ReadHistoryAsync(Room, long.MaxValue)).Epoch;
        var delivered = new List<long>();
        var recoveries = new List<RecoveryEvent>();

        await connection.Subscriptions.AttachAsync(Room, node.RuleOf(Room.Name), new ChannelPosition(epoch, 0), report: true, CancellationToken.None);
        await DrainAsync(connection, delivered, recoveries, until: () => recoveries.Count > 0);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), delivered);
        Assert.True(Assert.Single(recoveries).Recovered);
        Assert.Empty(transport.CloseReasons);
        Assert.Equal(0, connection.Dropped);
    }

    private static async Task<(TestEngine Engine, ClientSession Connection)> AttachedAsync(int capacity, int historySize)
    {
        var options = TestOptions.With(o =>
        {
            o.Push.OutboxCapacity = capacity;
            o.Push.OutboxFullPolicy = OutboxFullPolicy.Drop;
            o.Engine.HistorySize = historySize;
        });
        var node = new TestChannels(new RecordingApplication(), options);
        var connection = node.Connect();
        await connection.Subscriptions.AttachAsync(Room, node.RuleOf(Room.Name), from: null, report: false, CancellationToken.None);
        return (node.Engine, connection);
    }

    // The pump as the client root runs it: deliver a batch, then let the connection catch up.
    private static async Task DrainAsync(ClientSession connection, List<long> delivered, List<RecoveryEvent> recoveries, Func<bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var pump = connection.Outbox.PumpAsync(
            (batch, _) =>
            {
                lock (delivered)
                {
                    delivered.AddRange(batch.OfType<Publication>().Select(p => p.Offset));
                    recoveries.AddRange(batch.OfType<RecoveryEvent>());
                }

                connection.Subscriptions.OnDelivered();
                return Task.CompletedTask;
            },
            timeout.Token);
        while (!until())
        {
            await Task.Delay(10, timeout.Token);
        }

        connection.Outbox.Complete();
        await pump;
    }
}
