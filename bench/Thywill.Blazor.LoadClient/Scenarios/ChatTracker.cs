using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// The chat scenario's schedule and bookkeeping. There are N = rooms × members clients; client c is
/// member c mod members of room c / members. Message i is published by client i mod N in round
/// i / N, due at start + i / (N × rate), and carries i in its data (<c>{"i":…,"text":…}</c>), so
/// every member sends once per round and the sends are spread evenly over the round. Each receipt is
/// checked: the receiver must be in the sender's room and not be the sender (the scenario publishes
/// with excludeSelf), and must not have the message already; its latency counts from when the
/// message was due. Messages of the first rounds are a warm-up: checked, but left out of the figures.
/// </summary>
internal sealed class ChatTracker : IMessageSink
{
    private const byte Accepted = 1;
    private const byte Refused = 2;
    private const byte Unanswered = 3;

    private readonly int _members;
    private readonly int[] _receipts;
    private readonly byte[] _outcomes;
    private readonly double[] _acknowledgedMs;
    private readonly ulong[][] _seen;
    private readonly double[] _latencies;
    private readonly int[] _latencyMessages;
    private readonly ConcurrentQueue<string> _failures = new();
    private int _latencyCount;
    private long _start;
    private double _ticksPerMessage;
    private long _received;
    private long _owed;
    private long _foreignRoom;
    private long _ownMessage;
    private long _duplicates;
    private long _unknown;
    private long _lastMeasuredReceipt;

    /// <summary>Plans <paramref name="rounds"/> rounds of one message per member, the first <paramref name="warmUpRounds"/> unmeasured.</summary>
    public ChatTracker(int rooms, int members, int rounds, int warmUpRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(warmUpRounds, rounds);
        _members = members;
        Clients = rooms * members;
        Messages = (long)Clients * rounds;
        FirstMeasured = (long)Clients * warmUpRounds;
        _receipts = new int[Messages];
        _outcomes = new byte[Messages];
        _acknowledgedMs = new double[Messages - FirstMeasured];
        _latencies = new double[(Messages - FirstMeasured) * (members - 1)];
        _latencyMessages = new int[_latencies.Length];

        // Per receiver, a bit per message of its room (round × members + the sender's place in the room):
        // only the receiver's own receive loop touches its bits.
        _seen = Enumerable.Range(0, Clients).Select(_ => new ulong[((long)rounds * members + 63) / 64]).ToArray();
    }

    /// <summary>Rooms × members.</summary>
    public int Clients { get; }

    /// <summary>Messages planned, warm-up included.</summary>
    public long Messages { get; }

    /// <summary>The first measured message.</summary>
    public long FirstMeasured { get; }

    /// <summary>Unique receipts of any message, from anyone, so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Receipts still to come for the messages published so far and not refused, if every other member gets each once.</summary>
    public long Outstanding => Interlocked.Read(ref _owed) * (_members - 1) - Received;

    /// <summary>Receipts of a member's own message (excludeSelf was asked for).</summary>
    public long OwnMessage => Interlocked.Read(ref _ownMessage);

    /// <summary>Receipts of another room's message.</summary>
    public long ForeignRoom => Interlocked.Read(ref _foreignRoom);

    /// <summary>A message a member already had, delivered again under another offset.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Deliveries that are not this run's messages.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>The first few reasons publishes failed.</summary>
    public IReadOnlyList<string> FirstFailures => [.. _failures];

    /// <summary>Starts the clock: message 0 is due at <paramref name="start"/>.</summary>
    /// <param name="start">A <see cref="Stopwatch"/> timestamp.</param>
    /// <param name="messagesPerSecond">Messages per second over all members.</param>
    public void Start(long start, double messagesPerSecond)
    {
        _ticksPerMessage = Stopwatch.Frequency / messagesPerSecond;
        Volatile.Write(ref _start, start);
    }

    /// <summary>When message <paramref name="message"/> is due (a <see cref="Stopwatch"/> timestamp).</summary>
    public long DueOf(long message) => Volatile.Read(ref _start) + (long)(message * _ticksPerMessage);

    /// <summary>The client that publishes message <paramref name="message"/>.</summary>
    public int SenderOf(long message) => (int)(message % Clients);

    /// <summary>The room a client is in.</summary>
    public int RoomOf(int client) => client / _members;

    /// <summary>The data of message <paramref name="message"/>.</summary>
    public static string Data(long message, string text) => $$"""{"i":{{message.ToString(CultureInfo.InvariantCulture)}},"text":"{{text}}"}""";

    /// <summary>
    /// The publish of <paramref name="message"/> was accepted (<paramref name="refusal"/> null), or refused
    /// (by the server, or the circuit failed): a refused message is owed to nobody.
    /// </summary>
    public void Acknowledge(long message, long answeredAt, string? refusal)
    {
        if (refusal is null)
        {
            Interlocked.Increment(ref _owed);
            if (message >= FirstMeasured)
            {
                _acknowledgedMs[message - FirstMeasured] = Stopwatch.GetElapsedTime(DueOf(message), answeredAt).TotalMilliseconds;
            }
        }
        else
        {
            Note(refusal);
        }

        Volatile.Write(ref _outcomes[message], refusal is null ? Accepted : Refused);
    }

    /// <summary>
    /// The publish of <paramref name="message"/> was not answered in time. The server may still publish
    /// it (an overloaded one does, late), so it stays owed.
    /// </summary>
    public void GiveUp(long message, string reason)
    {
        Interlocked.Increment(ref _owed);
        Note(reason);
        Volatile.Write(ref _outcomes[message], Unanswered);
    }

    /// <inheritdoc />
    public void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("i", out var id) || !id.TryGetInt64(out var message)
            || message < 0 || message >= Messages || clientIndex < 0 || clientIndex >= Clients)
        {
            Interlocked.Increment(ref _unknown);
            return;
        }

        var sender = SenderOf(message);
        if (RoomOf(sender) != RoomOf(clientIndex))
        {
            Interlocked.Increment(ref _foreignRoom);
            return;
        }

        if (sender == clientIndex)
        {
            Interlocked.Increment(ref _ownMessage);
            return;
        }

        var bit = message / Clients * _members + sender % _members;
        ref var word = ref _seen[clientIndex][bit >> 6];
        var mask = 1UL << (int)(bit & 63);
        if ((word & mask) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        word |= mask;
        Interlocked.Increment(ref _receipts[message]);
        Interlocked.Increment(ref _received);
        if (message < FirstMeasured)
        {
            return;
        }

        var slot = Interlocked.Increment(ref _latencyCount) - 1;
        if (slot < _latencies.Length)
        {
            _latencies[slot] = Stopwatch.GetElapsedTime(DueOf(message), receivedTimestamp).TotalMilliseconds;
            _latencyMessages[slot] = (int)(message - FirstMeasured);
        }

        long last;
        do
        {
            last = Interlocked.Read(ref _lastMeasuredReceipt);
        }
        while (receivedTimestamp > last && Interlocked.CompareExchange(ref _lastMeasuredReceipt, receivedTimestamp, last) != last);
    }

    /// <summary>The measured messages' counts, latencies and the time of their last receipt. Call once publishing is over.</summary>
    public ChatTally Tally()
    {
        long sent = 0, refused = 0, unanswered = 0, expected = 0, received = 0, orphans = 0, owedAll = 0;
        var acknowledged = new List<double>();
        for (var message = 0L; message < Messages; message++)
        {
            // Without an outcome the message was never published.
            var outcome = Volatile.Read(ref _outcomes[message]);
            owedAll += outcome is Accepted or Unanswered ? 1 : 0;
            if (message < FirstMeasured || outcome == 0)
            {
                continue;
            }

            sent++;
            var receipts = Volatile.Read(ref _receipts[message]);
            if (outcome == Refused)
            {
                refused++;
                orphans += receipts;
                continue;
            }

            expected += _members - 1;
            received += receipts;
            if (outcome == Accepted)
            {
                acknowledged.Add(_acknowledgedMs[message - FirstMeasured]);
            }
            else
            {
                unanswered++;
            }
        }

        var count = Math.Min(Volatile.Read(ref _latencyCount), _latencies.Length);
        var latencies = new List<double>(count);
        for (var slot = 0; slot < count; slot++)
        {
            if (Volatile.Read(ref _outcomes[FirstMeasured + _latencyMessages[slot]]) != Refused)
            {
                latencies.Add(_latencies[slot]);
            }
        }

        return new ChatTally(sent, refused, unanswered, expected, received, orphans, owedAll * (_members - 1), [.. latencies], [.. acknowledged], Interlocked.Read(ref _lastMeasuredReceipt));
    }

    private void Note(string reason)
    {
        if (_failures.Count < 5)
        {
            _failures.Enqueue(reason);
        }
    }
}

/// <summary>The measured messages of a chat run.</summary>
/// <param name="Sent">Publishes made (with an answer, a refusal or a timeout).</param>
/// <param name="Refused">Publishes the server refused, or whose circuit failed.</param>
/// <param name="Unanswered">Publishes not answered in time (still owed).</param>
/// <param name="Expected">Receipts owed: members − 1 per publish not refused.</param>
/// <param name="Received">Receipts of publishes not refused (each receiver once).</param>
/// <param name="Orphans">Receipts of refused publishes.</param>
/// <param name="ExpectedAll">Receipts owed for every publish not refused, warm-up included.</param>
/// <param name="LatenciesMs">Each receipt's time from the message's due time (publishes not refused).</param>
/// <param name="AcknowledgedMs">Each accepted publish's time from its due time until the server's answer.</param>
/// <param name="LastReceipt">When the last measured receipt came (a <see cref="Stopwatch"/> timestamp; 0 for none).</param>
internal sealed record ChatTally(long Sent, long Refused, long Unanswered, long Expected, long Received, long Orphans, long ExpectedAll, double[] LatenciesMs, double[] AcknowledgedMs, long LastReceipt)
{
    /// <summary>Receipts owed that never came.</summary>
    public long Lost => Expected - Received;
}
