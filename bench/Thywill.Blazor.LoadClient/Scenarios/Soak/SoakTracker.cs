using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// Checks the soak's deliveries. A membership (a tab in a room, from the join's answer to the tab's
/// leave) is owed every publication of the room after the join's offset, each once and in order,
/// across the tab's reloads: its receipts must continue the join's offset one by one in the join's
/// epoch. A publication's payload names its publisher and sequence; every receipt of an offset must
/// carry what the publisher was answered for it. When a membership ends, what the publishers had been
/// answered in the room by then must have come: what did not is lost.
/// </summary>
internal sealed class SoakTracker : IMessageSink
{
    private const int MaxFailures = 20;

    private readonly ConcurrentDictionary<(int Tab, string Channel), Membership> _memberships = new();
    private readonly ConcurrentDictionary<string, RoomTop> _tops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Channel, string Epoch, long Offset), (int Tab, long Seq)> _publications = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _published;
    private long _publishRefused;
    private long _publishUnanswered;
    private long _received;
    private long _beforeJoin;
    private long _lateAfterLeave;
    private long _lost;
    private long _repeated;
    private long _misdelivered;
    private long _epochChanged;
    private long _joins;
    private long _leaves;
    private long _channelRefused;
    private long _calls;
    private long _callsAnswered;
    private long _callsWrong;
    private long _callsRefused;
    private long _callsUnanswered;
    private long _tabs;
    private long _connectFailures;
    private long _reloads;
    private long _notResumed;
    private long _notRecovered;
    private long _pageRepeats;
    private long _interopErrors;
    private long _circuitsLost;
    private long _tabErrors;

    /// <summary>A tab is about to join: receipts may come before the answer, and are kept until it.</summary>
    public void Joining(int tab, string channel) => _memberships[(tab, channel)] = new Membership();

    /// <summary>The join was answered: the membership starts after its offset, in its epoch.</summary>
    public void Joined(int tab, string channel, ChannelOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _joins);
        if (!outcome.Ok || outcome.Epoch is null || outcome.Offset is null)
        {
            _memberships.TryRemove((tab, channel), out _);
            Interlocked.Increment(ref _channelRefused);
            Fail($"join of {channel} refused: {outcome.Code}: {outcome.Message}");
            return;
        }

        if (!_memberships.TryGetValue((tab, channel), out var membership))
        {
            return;
        }

        using var scope = membership.Gate.EnterScope();
        membership.Epoch = outcome.Epoch;
        membership.Joined = membership.Last = outcome.Offset.Value;
        foreach (var (epoch, offset) in membership.Early ?? [])
        {
            Accept(membership, channel, epoch, offset);
        }

        membership.Early = null;
    }

    /// <summary>A leave was answered (the membership was closed just before).</summary>
    public void Left(string channel, ChannelOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _leaves);
        if (!outcome.Ok)
        {
            Interlocked.Increment(ref _channelRefused);
            Fail($"leave of {channel} refused: {outcome.Code}: {outcome.Message}");
        }
    }

    /// <summary>A publish was answered: its offset now belongs to this publisher's sequence number, and is owed to the room's members.</summary>
    public void Published(int tab, long seq, string channel, ChannelOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Interlocked.Increment(ref _published);
        if (!outcome.Ok || outcome.Epoch is not { } epoch || outcome.Offset is not { } offset)
        {
            // A refusal within the budgets is a failure too: the soak stays under every rate limit.
            Interlocked.Increment(ref _publishRefused);
            Fail($"publish to {channel} refused: {outcome.Code}: {outcome.Message}");
            return;
        }

        Claim(channel, epoch, offset, tab, seq);
        var top = _tops.GetOrAdd(channel, _ => new RoomTop());
        using var scope = top.Gate.EnterScope();
        if (top.Epoch != epoch)
        {
            if (top.Epoch is not null)
            {
                Interlocked.Increment(ref _epochChanged);
                Fail($"{channel} changed epoch while in use");
            }

            (top.Epoch, top.Offset) = (epoch, offset);
        }
        else
        {
            top.Offset = Math.Max(top.Offset, offset);
        }
    }

    /// <summary>A publish had no answer in time.</summary>
    public void PublishUnanswered(string channel)
    {
        Interlocked.Increment(ref _published);
        Interlocked.Increment(ref _publishUnanswered);
        Fail($"publish to {channel} unanswered");
    }

    /// <summary>
    /// The membership ends (the tab leaves the room or goes away): waits, up to <paramref name="patience"/>,
    /// for what the room's publishers had been answered by now; what has not come by then is lost.
    /// </summary>
    public async Task CloseAsync(int tab, string channel, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (!_memberships.TryGetValue((tab, channel), out var membership))
        {
            return;
        }

        var waiting = Stopwatch.StartNew();
        long owed;
        using (membership.Gate.EnterScope())
        {
            owed = Owed(membership, channel);
        }

        while (true)
        {
            using (membership.Gate.EnterScope())
            {
                if (membership.Last >= owed || waiting.Elapsed >= patience)
                {
                    if (membership.Last < owed)
                    {
                        Interlocked.Add(ref _lost, owed - membership.Last);
                        Fail($"tab {tab} left {channel} without offsets {membership.Last + 1}..{owed}");
                    }

                    membership.Closed = true;
                    return;
                }
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tab's last page is gone: nothing more can reach it.</summary>
    public void Forget(int tab)
    {
        foreach (var key in _memberships.Keys)
        {
            if (key.Tab == tab)
            {
                _memberships.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Counts a call and checks its answer.</summary>
    /// <param name="outcome">The answer, or <see langword="null"/> when none came in time.</param>
    /// <param name="correct">Whether a successful answer is the right result.</param>
    /// <param name="what">The call, for the failure list.</param>
    public void Called(CallOutcome? outcome, Func<string?, bool> correct, string what)
    {
        ArgumentNullException.ThrowIfNull(correct);
        Interlocked.Increment(ref _calls);
        if (outcome is null)
        {
            Interlocked.Increment(ref _callsUnanswered);
            Fail(what + " unanswered");
        }
        else if (!outcome.Ok)
        {
            Interlocked.Increment(ref _callsRefused);
            Fail($"{what} failed: {outcome.Code}: {outcome.Message}");
        }
        else if (correct(outcome.ResultJson))
        {
            Interlocked.Increment(ref _callsAnswered);
        }
        else
        {
            Interlocked.Increment(ref _callsWrong);
            Fail($"{what} answered {outcome.ResultJson}");
        }
    }

    /// <summary>A tab started (its first page is about to connect).</summary>
    public void TabStarted() => Interlocked.Increment(ref _tabs);

    /// <summary>A page did not connect.</summary>
    public void ConnectFailed(int tab, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Interlocked.Increment(ref _connectFailures);
        Fail($"tab {tab} did not connect: {exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>A page of a tab was reloaded; <paramref name="resumed"/> says whether the next page got the same client back.</summary>
    public void Reloaded(int tab, bool resumed)
    {
        Interlocked.Increment(ref _reloads);
        if (!resumed)
        {
            Interlocked.Increment(ref _notResumed);
            Fail($"tab {tab}'s reload did not resume its client");
        }
    }

    /// <summary>What a page counted itself, when it is closed.</summary>
    public void PageClosed(int tab, ThywillLoadClient page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Add(ref _pageRepeats, page.Repeats, $"tab {tab}'s page dropped {page.Repeats} offsets it had already seen");
        Add(ref _notRecovered, page.Protocol.NotRecovered, $"tab {tab}'s page was told {page.Protocol.NotRecovered} channels were not recovered");
        Add(ref _interopErrors, page.Circuit.InteropErrors, $"tab {tab}'s page had {page.Circuit.InteropErrors} interop errors");
    }

    /// <summary>A page's circuit ended while the tab was using it.</summary>
    public void CircuitLost(int tab, string reason)
    {
        Interlocked.Increment(ref _circuitsLost);
        Fail($"tab {tab}'s circuit ended: {reason}");
    }

    /// <summary>Something else went wrong in a tab.</summary>
    public void TabFailed(int tab, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Interlocked.Increment(ref _tabErrors);
        Fail($"tab {tab}: {exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>Everything counted so far.</summary>
    public SoakCounts Counts() => new(
        Read(ref _tabs), Read(ref _connectFailures), Read(ref _reloads), Read(ref _notResumed), Read(ref _notRecovered),
        Read(ref _joins), Read(ref _leaves), Read(ref _channelRefused),
        Read(ref _published), Read(ref _publishRefused), Read(ref _publishUnanswered),
        Read(ref _received), Read(ref _lost), Read(ref _repeated) + Read(ref _pageRepeats), Read(ref _misdelivered), Read(ref _epochChanged),
        Read(ref _beforeJoin), Read(ref _lateAfterLeave),
        Read(ref _calls), Read(ref _callsAnswered), Read(ref _callsWrong), Read(ref _callsRefused), Read(ref _callsUnanswered),
        Read(ref _interopErrors), Read(ref _circuitsLost), Read(ref _tabErrors),
        [.. _failures]);

    /// <inheritdoc />
    public void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp)
    {
        // The pages hand over whole envelopes (OnEnvelope); a bare message cannot be checked.
        Interlocked.Increment(ref _misdelivered);
        Fail($"tab {clientIndex} got offset {offset} without its channel");
    }

    /// <inheritdoc />
    public void OnEnvelope(int clientIndex, JsonElement envelope, long offset, long receivedTimestamp)
    {
        Interlocked.Increment(ref _received);
        var channel = envelope.GetProperty("channel").GetString() ?? "";
        var epoch = envelope.GetProperty("epoch").GetString() ?? "";
        if (envelope.GetProperty("data") is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("p", out var publisher) && data.TryGetProperty("s", out var seq))
        {
            Claim(channel, epoch, offset, publisher.GetInt32(), seq.GetInt64());
        }
        else
        {
            Interlocked.Increment(ref _misdelivered);
            Fail($"tab {clientIndex} got a message of {channel} that no soak tab sent: {envelope.GetProperty("data").GetRawText()}");
        }

        if (!_memberships.TryGetValue((clientIndex, channel), out var membership))
        {
            Interlocked.Increment(ref _misdelivered);
            Fail($"tab {clientIndex} got offset {offset} of {channel}, which it is not in");
            return;
        }

        using var scope = membership.Gate.EnterScope();
        if (membership.Epoch is null)
        {
            (membership.Early ??= []).Add((epoch, offset));
            return;
        }

        Accept(membership, channel, epoch, offset);
    }

    // Under the membership's lock.
    private void Accept(Membership membership, string channel, string epoch, long offset)
    {
        if (epoch != membership.Epoch)
        {
            Interlocked.Increment(ref _epochChanged);
            Fail($"{channel} delivered epoch {epoch} to a member of epoch {membership.Epoch}");
            return;
        }

        if (offset <= membership.Joined)
        {
            // Published before the join took effect: not owed, and not a repeat either.
            Interlocked.Increment(ref _beforeJoin);
            return;
        }

        if (offset <= membership.Last)
        {
            Interlocked.Increment(ref _repeated);
            Fail($"{channel} delivered offset {offset} again or out of order (after {membership.Last})");
            return;
        }

        if (offset > membership.Last + 1)
        {
            Interlocked.Add(ref _lost, offset - membership.Last - 1);
            Fail($"{channel} skipped offsets {membership.Last + 1}..{offset - 1}");
        }

        membership.Last = offset;
        if (membership.Closed)
        {
            // Queued for the member before its leave was handled: in order, so harmless.
            Interlocked.Increment(ref _lateAfterLeave);
        }
    }

    // Under the membership's lock.
    private long Owed(Membership membership, string channel)
    {
        if (membership.Epoch is null || !_tops.TryGetValue(channel, out var top))
        {
            return membership.Last;
        }

        using var scope = top.Gate.EnterScope();
        return top.Epoch == membership.Epoch ? Math.Max(top.Offset, membership.Last) : membership.Last;
    }

    // The first to see an offset (the publisher's answer or a receipt) sets what it holds; every other must agree.
    private void Claim(string channel, string epoch, long offset, int tab, long seq)
    {
        var held = _publications.GetOrAdd((channel, epoch, offset), (tab, seq));
        if (held != (tab, seq))
        {
            Interlocked.Increment(ref _misdelivered);
            Fail($"{channel} offset {offset}: tab {tab} seq {seq}, but tab {held.Tab} seq {held.Seq} elsewhere");
        }
    }

    private void Add(ref long counter, long value, string failure)
    {
        if (value > 0)
        {
            Interlocked.Add(ref counter, value);
            Fail(failure);
        }
    }

    private void Fail(string failure)
    {
        if (_failures.Count < MaxFailures)
        {
            _failures.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + failure);
        }
    }

    private static long Read(ref long counter) => Interlocked.Read(ref counter);

    private sealed class Membership
    {
        public Lock Gate { get; } = new();

        public string? Epoch { get; set; }

        public long Joined { get; set; }

        public long Last { get; set; }

        public bool Closed { get; set; }

        public List<(string Epoch, long Offset)>? Early { get; set; }
    }

    private sealed class RoomTop
    {
        public Lock Gate { get; } = new();

        public string? Epoch { get; set; }

        public long Offset { get; set; }
    }
}
