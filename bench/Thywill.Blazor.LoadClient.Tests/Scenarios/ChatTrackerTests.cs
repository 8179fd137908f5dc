using System.Diagnostics;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Scenarios;

namespace Thywill.Blazor.LoadClient.Tests.Scenarios;

public sealed class ChatTrackerTests
{
    // 2 rooms × 3 members (clients 0–2 in room 0, 3–5 in room 1); 2 rounds, the first a warm-up:
    // messages 0–5 are the warm-up, 6–11 measured; message i comes from client i mod 6.
    private static ChatTracker Started()
    {
        var tracker = new ChatTracker(rooms: 2, members: 3, rounds: 2, warmUpRounds: 1);
        tracker.Start(Stopwatch.GetTimestamp(), messagesPerSecond: 1000);
        return tracker;
    }

    [Fact]
    public void OnMessage_EachOtherMemberOnce_CountsEveryReceiptAndNoneLost()
    {
        var tracker = Started();
        for (var message = 0L; message < tracker.Messages; message++)
        {
            tracker.Acknowledge(message, Stopwatch.GetTimestamp(), refusal: null);
            var sender = tracker.SenderOf(message);
            foreach (var receiver in Enumerable.Range(0, 6).Where(c => c != sender && c / 3 == sender / 3))
            {
                Deliver(tracker, receiver, message);
            }
        }

        var tally = tracker.Tally();

        Assert.Equal((6L, 0L, 0L, 12L, 12L, 0L), (tally.Sent, tally.Refused, tally.Unanswered, tally.Expected, tally.Received, tally.Lost));
        Assert.Equal(12, tally.LatenciesMs.Length);
        Assert.Equal(0, tracker.Outstanding);
        Assert.Equal((0L, 0L, 0L, 0L), (tracker.ForeignRoom, tracker.OwnMessage, tracker.Duplicates, tracker.Unknown));
    }

    [Fact]
    public void OnMessage_AnotherRoomsOwnOrRepeatedMessage_IsCountedAsSuchAndNotAsAReceipt()
    {
        var tracker = Started();
        tracker.Acknowledge(6, Stopwatch.GetTimestamp(), refusal: null);

        Deliver(tracker, receiver: 3, message: 6);   // client 0's message in room 1
        Deliver(tracker, receiver: 0, message: 6);   // client 0's own message
        Deliver(tracker, receiver: 1, message: 6);
        Deliver(tracker, receiver: 1, message: 6);   // again
        tracker.OnMessage(2, 1, JsonDocument.Parse("""{"text":"not ours"}""").RootElement, Stopwatch.GetTimestamp());

        var tally = tracker.Tally();
        Assert.Equal((1L, 1L, 1L, 1L), (tracker.ForeignRoom, tracker.OwnMessage, tracker.Duplicates, tracker.Unknown));
        Assert.Equal((2L, 1L, 1L), (tally.Expected, tally.Received, tally.Lost));
        Assert.Equal([1], tally.LatenciesMs.Select(_ => 1));
    }

    [Fact]
    public void Acknowledge_ARefusedPublish_IsOwedToNobodyAndItsReceiptsAreSetApart()
    {
        var tracker = Started();
        tracker.Acknowledge(7, Stopwatch.GetTimestamp(), refusal: "not-member: Join first.");
        Deliver(tracker, receiver: 0, message: 7);

        var tally = tracker.Tally();

        Assert.Equal((1L, 0L, 0L, 1L), (tally.Refused, tally.Expected, tally.Received, tally.Orphans));
        Assert.Empty(tally.LatenciesMs);
        Assert.Equal(["not-member: Join first."], tracker.FirstFailures);
    }

    [Fact]
    public void GiveUp_AnUnansweredPublish_IsStillOwedAndItsLateReceiptsCount()
    {
        var tracker = Started();
        tracker.GiveUp(8, "no answer within 30 s");
        Deliver(tracker, receiver: 0, message: 8);

        var tally = tracker.Tally();

        Assert.Equal((0L, 1L, 2L, 1L, 1L), (tally.Refused, tally.Unanswered, tally.Expected, tally.Received, tally.Lost));
        Assert.Single(tally.LatenciesMs);
        Assert.Empty(tally.AcknowledgedMs);
        Assert.Equal(1, tracker.Outstanding);
    }

    private static void Deliver(ChatTracker tracker, int receiver, long message) =>
        tracker.OnMessage(receiver, message + 1, JsonDocument.Parse(ChatTracker.Data(message, "x")).RootElement, Stopwatch.GetTimestamp());
}
