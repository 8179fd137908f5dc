using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// A chat workload on the Host's configuration-only <c>relay</c> application: rooms of members who
/// each publish to their room at a fixed rate, open loop (a member's send does not wait for earlier
/// ones). Members join <c>room:*</c> channels as relay.js does (history on, a name as presence info)
/// and publish with <c>excludeSelf</c>, so each message is owed to the room's other members (members − 1
/// receipts); a receipt of one's own message counts as misdelivered, like one from another room.
/// End-to-end latency runs from when a publish was due to each other member's receipt.
/// </summary>
internal static class ChatScenario
{
    private const string Application = "relay";

    // After the last publish, receipts are waited for while they keep coming: until none came for
    // Patience, or MaxDrain in all. A publish's answer is waited for PublishTimeout.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What to run.</summary>
    /// <param name="Rooms">Rooms (channels <c>room:chat-{run}-{n}</c>).</param>
    /// <param name="Members">Members per room, at least 2.</param>
    /// <param name="Rate">Messages per second each member publishes.</param>
    /// <param name="Duration">How long the measured part lasts.</param>
    /// <param name="WarmUp">How long members publish before it, unmeasured.</param>
    /// <param name="Pad">Characters of text in each message.</param>
    /// <param name="Archive">Whether relay rooms are archived to the database, as the Host configures them (the default).</param>
    public sealed record Options(int Rooms, int Members, double Rate, TimeSpan Duration, TimeSpan WarmUp, int Pad, bool Archive = true)
    {
        /// <summary>Rooms × members.</summary>
        public int Clients => Rooms * Members;

        /// <summary>Unmeasured rounds (a round is one message from every member).</summary>
        public int WarmUpRounds => (int)Math.Round(Rate * WarmUp.TotalSeconds);

        /// <summary>Every round, warm-up included.</summary>
        public int Rounds => WarmUpRounds + Math.Max(1, (int)Math.Round(Rate * Duration.TotalSeconds));
    }

    public static async Task RunAsync(BenchContext context, Options options)
    {
        // The relay's one channel rule, room:*, archives every publish unless told not to.
        var settings = options.Archive ? null : new Dictionary<string, string> { ["Thywill:Applications:relay:Channels:0:Archive"] = "false" };
        await using var server = await context.StartServerAsync(ServerKind.Thywill, "chat", settings);
        using var connection = context.Connect(server.Address);
        var result = await MeasureAsync(connection, server, options, context.Concurrency, context.Deadline);
        Report.Write(context.OutputFolder, $"chat-{options.Rooms}x{options.Members}" + (options.Archive ? "" : "-no-archive"), result, Markdown(result));
    }

    /// <summary>Connects and joins every member, publishes on schedule, waits for the receipts, and counts.</summary>
    /// <param name="settings">The run's connection settings.</param>
    /// <param name="server">The server process, for its CPU, allocation and RSS; <see langword="null"/> when it is not ours (tests).</param>
    /// <param name="options">What to run.</param>
    /// <param name="concurrency">Connections (and joins) at once.</param>
    /// <param name="cancellationToken">The run's deadline.</param>
    internal static async Task<ChatResult> MeasureAsync(ConnectionSettings settings, ServerProcess? server, Options options, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Rate);
        var tracker = new ChatTracker(options.Rooms, options.Members, options.Rounds, options.WarmUpRounds);
        await using var pool = new ClientPool(BenchContext.Clients(ServerKind.Thywill, settings, Application, tracker));
        var ramp = await pool.RampAsync(options.Clients, concurrency, cancellationToken);
        if (ramp.Connected < options.Clients)
        {
            throw new InvalidOperationException($"Only {ramp.Connected} of {options.Clients} members connected: " + string.Join("; ", ramp.FirstFailures));
        }

        Console.WriteLine($"chat: {ramp.Connected} members connected ({ramp.ConnectsPerSecond:0}/s)");
        var members = new ThywillLoadClient[options.Clients];
        foreach (var client in pool.Clients)
        {
            members[client.Index] = (ThywillLoadClient)client;
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var rooms = Enumerable.Range(0, options.Rooms).Select(r => $"room:chat-{run}-{r.ToString(CultureInfo.InvariantCulture)}").ToArray();
        var joins = await JoinAsync(members, rooms, tracker, concurrency, cancellationToken);

        // The joins' presence events settle before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        var text = new string('x', options.Pad);
        var publishes = new Task[tracker.Messages];
        var lateness = new List<double>();
        Task<Sample>? before = null;
        tracker.Start(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10, options.Clients * options.Rate);
        for (var message = 0L; message < tracker.Messages; message++)
        {
            var due = tracker.DueOf(message);
            await UntilAsync(due, cancellationToken);
            if (message == tracker.FirstMeasured)
            {
                before = SampleAsync(server, settings.Http, cancellationToken);
            }

            if (message >= tracker.FirstMeasured)
            {
                // How late the load client itself was in sending: on a busy machine it is part of the tail.
                lateness.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            }

            var sender = tracker.SenderOf(message);
            publishes[message] = PublishAsync(members[sender], rooms[tracker.RoomOf(sender)], message, text, tracker, cancellationToken);
        }

        await Task.WhenAll(publishes);

        // An overloaded server delivers late rather than never: lost means it stopped coming.
        var draining = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var received = tracker.Received;
        while (tracker.Outstanding > 0 && quiet.Elapsed < Patience && draining.Elapsed < MaxDrain)
        {
            await Task.Delay(20, cancellationToken);
            if (tracker.Received != received)
            {
                received = tracker.Received;
                quiet.Restart();
            }
        }

        var after = await SampleAsync(server, settings.Http, cancellationToken);

        // A repeat would come after the first delivery: give one a moment to show.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        var tally = tracker.Tally();
        return Summarise(options, ramp, joins, tracker, tally, members, await before!, after, lateness);
    }

    private static async Task<LatencySummary> JoinAsync(ThywillLoadClient[] members, string[] rooms, ChatTracker tracker, int concurrency, CancellationToken cancellationToken)
    {
        var times = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (member, token) =>
        {
            var room = rooms[tracker.RoomOf(member.Index)];
            var began = Stopwatch.GetTimestamp();
            var joined = await member.JoinAsync(room, history: true, $$"""{"name":"member-{{member.Index.ToString(CultureInfo.InvariantCulture)}}"}""", token).ConfigureAwait(false);
            if (!joined.Ok)
            {
                throw new InvalidOperationException($"Member {member.Index} could not join {room}: {joined.Code}: {joined.Message}");
            }

            times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        });
        return Stats.Summarise(times);
    }

    private static async Task PublishAsync(ThywillLoadClient member, string room, long message, string text, ChatTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await member.PublishAsync(room, ChatTracker.Data(message, text), excludeSelf: true, cancellationToken).WaitAsync(PublishTimeout, cancellationToken).ConfigureAwait(false);
            tracker.Acknowledge(message, Stopwatch.GetTimestamp(), outcome.Ok ? null : outcome.Code + ": " + outcome.Message);
        }
        catch (TimeoutException)
        {
            tracker.GiveUp(message, $"no answer within {PublishTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is CircuitFailedException or InvalidOperationException)
        {
            tracker.Acknowledge(message, Stopwatch.GetTimestamp(), ex.GetType().Name + ": " + ex.Message);
        }
    }

    // Never early: Task.Delay has millisecond resolution, so a short wait is rounded up, not down.
    private static async Task UntilAsync(long due, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        while ((wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due)) > TimeSpan.Zero)
        {
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken);
        }
    }

    private static async Task<Sample> SampleAsync(ServerProcess? server, HttpClient http, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetTimestamp();
        var ownCpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        if (server is null)
        {
            return new Sample(at, ownCpu, null, null, null);
        }

        var (rss, cpu) = server.ReadProcess();
        var metrics = await server.ReadMetricsAsync(http, forceGc: false, cancellationToken).ConfigureAwait(false);
        return new Sample(at, ownCpu, cpu, metrics?.AllocatedBytes, rss);
    }

    private static ChatResult Summarise(Options options, RampResult ramp, LatencySummary joins, ChatTracker tracker, ChatTally tally, ThywillLoadClient[] members, Sample before, Sample after, List<double> lateness)
    {
        var window = Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        var firstDue = tracker.DueOf(tracker.FirstMeasured);
        var receiving = tally.LastReceipt > firstDue ? Stopwatch.GetElapsedTime(firstDue, tally.LastReceipt).TotalSeconds : 0;
        var offsetRepeats = members.Sum(m => m.Repeats);
        return new ChatResult(
            options,
            options.Clients,
            options.Clients * options.Rate,
            ramp,
            joins,
            tally.Sent,
            tally.Refused,
            tally.Unanswered,
            tally.Expected,
            tally.Received,
            tally.Lost,
            offsetRepeats + tracker.Duplicates,
            offsetRepeats,
            tracker.Duplicates,
            tracker.ForeignRoom + tracker.OwnMessage + tracker.Unknown,
            tracker.ForeignRoom,
            tracker.OwnMessage,
            tracker.Unknown,
            tally.Orphans,
            tally.ExpectedAll,
            members.Sum(m => m.Received),
            members.Sum(m => m.Protocol.PresenceEvents),
            members.Sum(m => m.Circuit.InteropErrors),
            receiving > 0 ? tally.Received / receiving : 0,
            Stats.Summarise(tally.LatenciesMs),
            Stats.Summarise(tally.AcknowledgedMs),
            Stats.Summarise(lateness),
            before.ServerCpuSeconds is { } cpuBefore && after.ServerCpuSeconds is { } cpuAfter ? 100 * (cpuAfter - cpuBefore) / window : null,
            before.ServerAllocatedBytes is { } allocatedBefore && after.ServerAllocatedBytes is { } allocatedAfter && tally.Received > 0 ? (allocatedAfter - allocatedBefore) / (double)tally.Received : null,
            after.ServerRssBytes,
            100 * (after.OwnCpuSeconds - before.OwnCpuSeconds) / window,
            tracker.FirstFailures);
    }

    internal static string Markdown(ChatResult r)
    {
        var o = r.Options;
        var markdown = $"### Chat: {o.Rooms:N0} rooms × {o.Members} members, {Report.N(o.Rate, 2)} msg/s each, {o.Duration.TotalSeconds:0} s after {o.WarmUp.TotalSeconds:0} s warm-up"
            + (o.Archive ? "" : ", rooms not archived") + "\n\n";
        markdown += Report.Table(
            ["rooms × members", "publishes/s", "sent", "refused", "unanswered", "expected receipts", "received", "lost", "repeats", "misdelivered", "delivered msgs/s", "server CPU %", "server alloc B/msg", "server RSS MB", "load-client CPU %"],
            [[
                $"{o.Rooms:N0} × {o.Members}", Report.N(r.PublishesPerSecond, 0), Count(r.Sent), Count(r.Refused), Count(r.Unanswered), Count(r.ExpectedReceipts), Count(r.Received), Count(r.Lost), Count(r.Repeats), Count(r.Misdelivered),
                Report.N(r.DeliveredPerSecond, 0), r.ServerCpuPercent is { } cpu ? Report.N(cpu, 0) : "n/a", r.ServerAllocatedBytesPerMessage is { } a ? Report.N(a, 0) : "n/a",
                r.ServerRssBytes is { } rss ? Report.Mb(rss) : "n/a", Report.N(r.LoadClientCpuPercent, 0),
            ]]);
        markdown += "\n" + Report.Table(
            ["ms", "count", "p50", "p95", "p99", "max", "mean"],
            new (string Name, LatencySummary Summary)[]
            {
                ("publish due → each other member's receipt", r.Latency),
                ("publish due → server's answer to the publisher", r.Acknowledged),
                ("sender lateness (due → sent)", r.SenderLateness),
                ("join (request → answer)", r.Join),
            }.Select(row => (IReadOnlyList<string>)[row.Name, Count(row.Summary.Count), Report.N(row.Summary.P50, 3), Report.N(row.Summary.P95, 3), Report.N(row.Summary.P99, 3), Report.N(row.Summary.Max, 3), Report.N(row.Summary.Mean, 3)]));
        markdown += "\nEach member publishes to its room with excludeSelf: a message is owed to the room's other "
            + $"{o.Members - 1} members unless the server refused it (a publish unanswered after {PublishTimeout.TotalSeconds:0} s is still owed). "
            + $"Lost: owed receipts that had not come when none had come for {Patience.TotalSeconds:0} s. "
            + "Latency counts from when each publish was due (open loop). Misdelivered: "
            + $"another room's message ({Count(r.ForeignRoom)}), one's own ({Count(r.OwnMessage)}), or not this run's ({Count(r.Unknown)}). "
            + $"Repeats: an offset already seen ({Count(r.OffsetRepeats)}) or a message already had under another offset ({Count(r.Duplicates)}).\n";
        if (r.FirstFailures.Count > 0)
        {
            markdown += "\nFirst publishes refused or unanswered: " + string.Join("; ", r.FirstFailures) + "\n";
        }

        return markdown;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Sample(long At, double OwnCpuSeconds, double? ServerCpuSeconds, long? ServerAllocatedBytes, long? ServerRssBytes);
}

/// <summary>The outcome of a chat run; every figure is over the measured messages unless it says otherwise.</summary>
internal sealed record ChatResult(
    ChatScenario.Options Options,
    int Clients,
    double PublishesPerSecond,
    RampResult Ramp,
    LatencySummary Join,
    long Sent,
    long Refused,
    long Unanswered,
    long ExpectedReceipts,
    long Received,
    long Lost,
    long Repeats,
    long OffsetRepeats,
    long Duplicates,
    long Misdelivered,
    long ForeignRoom,
    long OwnMessage,
    long Unknown,
    long ReceiptsOfFailedPublishes,
    long ExpectedReceiptsWithWarmUp,
    long ReceivedByPagesWithWarmUp,
    long PresenceEvents,
    long InteropErrors,
    double DeliveredPerSecond,
    LatencySummary Latency,
    LatencySummary Acknowledged,
    LatencySummary SenderLateness,
    double? ServerCpuPercent,
    double? ServerAllocatedBytesPerMessage,
    long? ServerRssBytes,
    double LoadClientCpuPercent,
    IReadOnlyList<string> FirstFailures);
