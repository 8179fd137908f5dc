using System.Globalization;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>What a client receives, written short enough to compare whole sequences in one assertion.</summary>
internal static class ClientEvents
{
    /// <summary>
    /// One or two words per event: a publication's offset (<c>4</c>), a presence change
    /// (<c>join client-2</c>), a recovery's outcome and count (<c>recovered 3</c>, <c>lost 0</c>).
    /// </summary>
    public static IReadOnlyList<string> Describe(IEnumerable<IClientEvent> events) =>
    [
        .. events.Select(e => e switch
        {
            Publication publication => publication.Offset.ToString(CultureInfo.InvariantCulture),
            PresenceEvent presence => $"{presence.Action} {presence.Member.ClientId}",
            RecoveryEvent recovery => $"{(recovery.Recovered ? "recovered" : "lost")} {recovery.Delivered}",
            _ => e.GetType().Name,
        }),
    ];

}
