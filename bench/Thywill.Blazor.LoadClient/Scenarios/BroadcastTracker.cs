using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// Counts the receipts of each broadcast (by the <c>seq</c> in its data) across every client, and
/// for measured broadcasts keeps every receipt's time, so the time until the last member has it is exact.
/// </summary>
internal sealed class BroadcastTracker : IMessageSink
{
    private readonly ConcurrentDictionary<long, Round> _rounds = new();
    private long _total;

    /// <summary>Receipts of any broadcast so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Expects <paramref name="members"/> receipts of <paramref name="seq"/>.</summary>
    public Round Expect(long seq, int members, bool keepTimes)
    {
        var round = new Round(members, keepTimes);
        _rounds[seq] = round;
        return round;
    }

    /// <summary>Stops tracking a broadcast.</summary>
    public void Forget(long seq) => _rounds.TryRemove(seq, out _);

    public void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp)
    {
        Interlocked.Increment(ref _total);
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("seq", out var seq)
            && _rounds.TryGetValue(seq.GetInt64(), out var round))
        {
            round.Add(receivedTimestamp);
        }
    }

    /// <summary>One broadcast's receipts.</summary>
    internal sealed class Round(int members, bool keepTimes)
    {
        private readonly long[]? _times = keepTimes ? new long[members] : null;
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private long _last;

        public int Members { get; } = members;

        public long SentAt { get; set; } = Stopwatch.GetTimestamp();

        public int Count => Volatile.Read(ref _count);

        public Task AllReceived => _all.Task;

        /// <summary>The time of the latest receipt.</summary>
        public long LastAt => Interlocked.Read(ref _last);

        public void Add(long timestamp)
        {
            var index = Interlocked.Increment(ref _count) - 1;
            if (_times is not null && index < _times.Length)
            {
                _times[index] = timestamp;
            }

            long last;
            do
            {
                last = Interlocked.Read(ref _last);
            }
            while (timestamp > last && Interlocked.CompareExchange(ref _last, timestamp, last) != last);

            if (index + 1 == Members)
            {
                _all.TrySetResult();
            }
        }

        /// <summary>Each member's latency in milliseconds (measured rounds only).</summary>
        public IEnumerable<double> MemberLatenciesMs() =>
            (_times ?? []).Take(Math.Min(Count, Members)).Select(t => Stopwatch.GetElapsedTime(SentAt, t).TotalMilliseconds);
    }
}
