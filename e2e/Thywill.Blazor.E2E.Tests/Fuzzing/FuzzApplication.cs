namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>What the fuzzed application does with valid calls, so that the corpus knows the right refusal.</summary>
/// <param name="Id">The application id.</param>
/// <param name="SendsRefused">It refuses every send (relay has no server side); else it accepts them and does nothing.</param>
/// <param name="HasRooms">It has relay's channel rules (<c>room:*</c>, join-only <c>announce:*</c>); else no rule at all.</param>
/// <param name="HasFunctions">It has calculations' RPC functions (add, factorize, divide, secret); else none.</param>
internal sealed record FuzzApplication(string Id, bool SendsRefused, bool HasRooms, bool HasFunctions)
{
    public static readonly FuzzApplication Relay = new("relay", SendsRefused: true, HasRooms: true, HasFunctions: false);

    public static readonly FuzzApplication Calculations = new("calculations", SendsRefused: false, HasRooms: false, HasFunctions: true);

    public static FuzzApplication Named(string id) => id == Relay.Id ? Relay : id == Calculations.Id ? Calculations : throw new ArgumentOutOfRangeException(nameof(id));
}
