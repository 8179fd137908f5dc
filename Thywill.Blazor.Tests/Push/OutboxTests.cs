using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Push;

public sealed class OutboxTests
{
    private readonly List<Publication[]> _batches = [];

    [Fact]
    public void TryEnqueue_BeyondCapacity_Refuses()
    {
        var outbox = new Outbox(capacity: 3, maxBatch: 10);

        var accepted = TestPublications.Numbered(4).Select(outbox.TryEnqueue).ToArray();

        Assert.Equal([true, true, true, false], accepted);
        Assert.Equal(3, outbox.Pending);
        Assert.Equal(3, outbox.Enqueued);
    }

    [Fact]
    public void TryEnqueue_BeyondItsBytes_Refuses()
    {
        var one = TestPublications.Of(new string('x', 1_000)).Json.Length;
        var outbox = new Outbox(capacity: 100, maxBatch: 100, maxBytes: (3 * one) + (one / 2));

        var accepted = Enumerable.Range(1, 4).Select(i => outbox.TryEnqueue(TestPublications.Of(new string('x', 1_000), i))).ToArray();

        Assert.Equal([true, true, true, false], accepted);
        Assert.Equal(3 * one, outbox.PendingBytes);
    }

    [Fact]
    public void TryEnqueue_OneEventLargerThanItsBytes_GoesIntoAnEmptyOutboxOnly()
    {
        var outbox = new Outbox(capacity: 100, maxBatch: 100, maxBytes: 100);

        Assert.True(outbox.TryEnqueue(TestPublications.Of(new string('x', 1_000), 1)));
        Assert.False(outbox.TryEnqueue(TestPublications.Of("small", 2)));
    }

    [Fact]
    public async Task PumpAsync_MaxBatchBytes_DeliversSeveralBatchesWithinThemInOrderWithoutGaps()
    {
        var one = TestPublications.Of(new string('x', 1_000)).Json.Length;
        var outbox = new Outbox(capacity: 1_000, maxBatch: 1_000, maxBytes: 1_000 * one, maxBatchBytes: (10 * one) + 50);
        for (var i = 1; i <= 95; i++)
        {
            Assert.True(outbox.TryEnqueue(TestPublications.Of(new string('x', 1_000), i)));
        }

        outbox.Complete();
        await outbox.PumpAsync(RecordAsync, CancellationToken.None);

        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 5], _batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(1, 95).Select(o => (long)o), _batches.SelectMany(b => b).Select(p => p.Offset));
        Assert.Equal(0, outbox.PendingBytes);
    }

    [Fact]
    public async Task PumpAsync_AnEventLargerThanTheBatchBytes_GoesAlone()
    {
        var outbox = new Outbox(capacity: 10, maxBatch: 10, maxBytes: 1_000_000, maxBatchBytes: 500);
        outbox.TryEnqueue(TestPublications.Of("a", 1));
        outbox.TryEnqueue(TestPublications.Of(new string('x', 1_000), 2));
        outbox.TryEnqueue(TestPublications.Of("c", 3));
        outbox.Complete();

        await outbox.PumpAsync(RecordAsync, CancellationToken.None);

        Assert.Equal([[1L], [2L], [3L]], _batches.Select(b => b.Select(p => p.Offset).ToArray()));
    }

    [Fact]
    public void TryEnqueue_AfterComplete_Refuses()
    {
        var outbox = new Outbox(capacity: 3, maxBatch: 10);

        outbox.Complete();

        Assert.False(outbox.TryEnqueue(TestPublications.Of("late")));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(1_000)]
    public async Task PumpAsync_500Pending_DeliversThemInOneBatch(int maxBatch)
    {
        var outbox = Filled(capacity: 1_000, maxBatch, count: 500);

        await outbox.PumpAsync(RecordAsync, CancellationToken.None);

        var batch = Assert.Single(_batches);
        Assert.Equal(500, batch.Length);
        Assert.Equal(1, outbox.Batches);
    }

    [Fact]
    public async Task PumpAsync_500PendingWithMaxBatch100_DeliversFiveBatchesOf100InOrder()
    {
        var outbox = Filled(capacity: 1_000, maxBatch: 100, count: 500);

        await outbox.PumpAsync(RecordAsync, CancellationToken.None);

        Assert.Equal([100, 100, 100, 100, 100], _batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(1, 500).Select(o => (long)o), _batches.SelectMany(b => b).Select(p => p.Offset));
        Assert.Equal(500, outbox.Delivered);
        Assert.Equal(0, outbox.Pending);
    }

    [Fact]
    public async Task PumpAsync_EnqueuedDuringADelivery_GoOutTogetherInTheNextBatch()
    {
        var outbox = new Outbox(capacity: 1_000, maxBatch: 1_000);
        var firstDelivery = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource();
        outbox.TryEnqueue(TestPublications.Of("first", offset: 1));

        var pump = outbox.PumpAsync(
            async (batch, cancellationToken) =>
            {
                await RecordAsync(batch, cancellationToken);
                if (_batches.Count == 1)
                {
                    firstStarted.SetResult();
                    await firstDelivery.Task;
                }
            },
            CancellationToken.None);
        await firstStarted.Task;
        foreach (var publication in TestPublications.Numbered(51).Skip(1))
        {
            outbox.TryEnqueue(publication);
        }

        outbox.Complete();
        firstDelivery.SetResult();
        await pump;

        Assert.Equal([1, 50], _batches.Select(b => b.Length));
    }

    [Fact]
    public async Task PumpAsync_Cancelled_Stops()
    {
        var outbox = new Outbox(capacity: 10, maxBatch: 10);
        using var cancellation = new CancellationTokenSource();

        var pump = outbox.PumpAsync(RecordAsync, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump);
    }

    [Fact]
    public async Task PumpAsync_DeliveryFails_EndsWithTheFailure()
    {
        var outbox = Filled(capacity: 10, maxBatch: 10, count: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            outbox.PumpAsync((_, _) => throw new InvalidOperationException("browser gone"), CancellationToken.None));

        Assert.Equal("browser gone", error.Message);
        Assert.Equal(0, outbox.Delivered);
    }

    /// <summary>An outbox holding publications 1 to <paramref name="count"/>, completed so the pump ends when drained.</summary>
    private static Outbox Filled(int capacity, int maxBatch, int count)
    {
        var outbox = new Outbox(capacity, maxBatch);
        Assert.All(TestPublications.Numbered(count), p => Assert.True(outbox.TryEnqueue(p)));
        outbox.Complete();
        return outbox;
    }

    // The pump reuses its batch list: keep a copy.
    private Task RecordAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        _batches.Add([.. batch.Cast<Publication>()]);
        return Task.CompletedTask;
    }
}
