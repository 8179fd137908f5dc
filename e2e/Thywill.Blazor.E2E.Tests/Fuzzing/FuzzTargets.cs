namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>The ids and channels the fuzz cases aim at: the attacker's own, and a victim's it should not reach.</summary>
/// <param name="ApplicationId">The application both tabs run.</param>
/// <param name="AttackerClientId">The fuzzing tab.</param>
/// <param name="VictimClientId">Another browser's tab.</param>
/// <param name="VictimSessionId">That browser's session.</param>
internal sealed record FuzzTargets(string ApplicationId, string AttackerClientId, string VictimClientId, string VictimSessionId)
{
    /// <summary>The victim's room, with presence and history.</summary>
    public const string VictimChannel = "room:victim";

    /// <summary>A room the attacker joined: it may publish there.</summary>
    public const string AttackerRoom = "room:fuzz";

    /// <summary>A join-only channel the attacker joined: every publish there is refused, after the data was read.</summary>
    public const string ReadOnlyChannel = "announce:fuzz";

    /// <summary>A room nobody joined: a join there that succeeds is a change.</summary>
    public const string EmptyRoom = "room:empty";

    /// <summary>The channels whose presence and history are compared after every case.</summary>
    public static readonly string[] Watched = [VictimChannel, AttackerRoom, ReadOnlyChannel, EmptyRoom];
}
