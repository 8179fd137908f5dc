namespace Thywill.Blazor.LoadClient.Scenarios.Soak;

/// <summary>What the soak's tabs did and what the checks found; every failure kind is also in <see cref="FirstFailures"/>.</summary>
/// <param name="Tabs">Tabs opened (a tab is one client identity, through its reloads).</param>
/// <param name="ConnectFailures">Pages that did not connect (first pages and reloads).</param>
/// <param name="Reloads">Reloads: the page closed, the next one opened with the tab's resume token and positions.</param>
/// <param name="NotResumed">Reloads that got a new client instead of the tab's.</param>
/// <param name="NotRecovered">Recovery events with <c>recovered: false</c>.</param>
/// <param name="Joins">Joins answered.</param>
/// <param name="Leaves">Leaves answered.</param>
/// <param name="ChannelRefused">Joins and leaves refused.</param>
/// <param name="Published">Publishes made.</param>
/// <param name="PublishRefused">Publishes refused (a rate limit included).</param>
/// <param name="PublishUnanswered">Publishes without an answer in time.</param>
/// <param name="Received">Publications delivered to pages.</param>
/// <param name="Lost">Publications owed to a member that did not reach it.</param>
/// <param name="Repeated">Publications a member got again or out of order (by the tracker, or dropped by the page as an offset it had seen).</param>
/// <param name="Misdelivered">Receipts outside the member's rooms, or with another payload than the publisher was answered for.</param>
/// <param name="EpochChanged">Rooms whose epoch changed while in use.</param>
/// <param name="BeforeJoin">Receipts of publications made before the join took effect (not owed; not failures).</param>
/// <param name="LateAfterLeave">In-order receipts that came after the member left (queued before; not failures).</param>
/// <param name="Calls">RPC calls made.</param>
/// <param name="CallsAnswered">Calls answered with the right result.</param>
/// <param name="CallsWrong">Calls answered with a wrong result.</param>
/// <param name="CallsRefused">Calls answered with an error.</param>
/// <param name="CallsUnanswered">Calls without an answer in time.</param>
/// <param name="InteropErrors">JS interop calls the pages could not answer.</param>
/// <param name="CircuitsLost">Circuits that ended while their tab was using them.</param>
/// <param name="TabErrors">Other exceptions in tabs.</param>
/// <param name="FirstFailures">The first failures, with the time.</param>
internal sealed record SoakCounts(
    long Tabs,
    long ConnectFailures,
    long Reloads,
    long NotResumed,
    long NotRecovered,
    long Joins,
    long Leaves,
    long ChannelRefused,
    long Published,
    long PublishRefused,
    long PublishUnanswered,
    long Received,
    long Lost,
    long Repeated,
    long Misdelivered,
    long EpochChanged,
    long BeforeJoin,
    long LateAfterLeave,
    long Calls,
    long CallsAnswered,
    long CallsWrong,
    long CallsRefused,
    long CallsUnanswered,
    long InteropErrors,
    long CircuitsLost,
    long TabErrors,
    IReadOnlyList<string> FirstFailures)
{
    /// <summary>Failures of every kind: a clean soak has none.</summary>
    public long Failures =>
        ConnectFailures + NotResumed + NotRecovered + ChannelRefused + PublishRefused + PublishUnanswered + Lost + Repeated
        + Misdelivered + EpochChanged + CallsWrong + CallsRefused + CallsUnanswered + InteropErrors + CircuitsLost + TabErrors;
}
