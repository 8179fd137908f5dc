using System.Globalization;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>
/// A tab of the configuration-only <c>relay</c> application: it joins one or two rooms (with a name as
/// presence info, as relay.js does, and without history, so that what it is owed starts at the join's
/// offset and a reload recovers from its positions), publishes numbered messages to them, now and then
/// leaves a room or joins another, and at the end either leaves its rooms or simply goes.
/// </summary>
internal sealed class SoakRelayTab(int id, ConnectionSettings settings, SoakTracker tracker, SoakOptions options, SoakChannelPool rooms, int seed)
    : SoakTab(id, "relay", settings, tracker, options, seed)
{
    private const int MaxRooms = 3;

    private readonly List<string> _joined = [];
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly string _text = new('x', options.Pad);
    private long _seq;

    /// <inheritdoc />
    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = Random.Next(1, 3); i > 0; i--)
        {
            await JoinAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ActAsync(CancellationToken cancellationToken)
    {
        if (_joined.Count == 0)
        {
            await JoinAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (Random.NextDouble() < Options.SwitchShare)
        {
            var leave = _joined.Count >= MaxRooms || (_joined.Count > 1 && Random.Next(2) == 0);
            await (leave ? LeaveAsync(_joined[Random.Next(_joined.Count)], cancellationToken) : JoinAsync(cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            await PublishAsync(_joined[Random.Next(_joined.Count)], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task EndAsync(CancellationToken cancellationToken)
    {
        // Half the tabs leave their rooms; the others just go, leaving their memberships to expire.
        var leave = Random.Next(2) == 0;
        foreach (var room in _joined.ToArray())
        {
            if (leave)
            {
                await LeaveAsync(room, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Tracker.CloseAsync(Id, room, Options.DeliveryPatience, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var room = rooms.Pick(Random, _visited);
        _visited.Add(room);
        Tracker.Joining(Id, room);
        var info = $$"""{"name":"tab-{{Id.ToString(CultureInfo.InvariantCulture)}}"}""";
        var outcome = await WithTimeoutAsync(token => Page.JoinAsync(room, history: false, info, token), cancellationToken).ConfigureAwait(false)
            ?? ChannelOutcome.Refused("unanswered", $"No answer within {Options.AnswerTimeout.TotalSeconds:0} s.");
        Tracker.Joined(Id, room, outcome);
        if (outcome.Ok)
        {
            _joined.Add(room);
        }
    }

    private async Task LeaveAsync(string room, CancellationToken cancellationToken)
    {
        await Tracker.CloseAsync(Id, room, Options.DeliveryPatience, cancellationToken).ConfigureAwait(false);
        _joined.Remove(room);
        var outcome = await WithTimeoutAsync(token => Page.LeaveAsync(room, token), cancellationToken).ConfigureAwait(false)
            ?? ChannelOutcome.Refused("unanswered", $"No answer within {Options.AnswerTimeout.TotalSeconds:0} s.");
        Tracker.Left(room, outcome);
    }

    private async Task PublishAsync(string room, CancellationToken cancellationToken)
    {
        var seq = ++_seq;
        var data = $$"""{"p":{{Id.ToString(CultureInfo.InvariantCulture)}},"s":{{seq.ToString(CultureInfo.InvariantCulture)}},"text":"{{_text}}"}""";
        var outcome = await WithTimeoutAsync(token => Page.PublishAsync(room, data, excludeSelf: false, token), cancellationToken).ConfigureAwait(false);
        if (outcome is null)
        {
            Tracker.PublishUnanswered(room);
        }
        else
        {
            Tracker.Published(Id, seq, room, outcome);
        }
    }
}
