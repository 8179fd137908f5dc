using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Clients;

/// <summary>A snapshot of one connected client, for dashboards and operators.</summary>
/// <param name="Client">Who it is.</param>
/// <param name="CircuitId">The circuit it is connected through.</param>
/// <param name="ConnectedAt">When this connection's bootstrap completed.</param>
/// <param name="IsUp">Whether the browser is connected now (false during a blip).</param>
/// <param name="Pending">Messages waiting in its outbox.</param>
/// <param name="Delivered">Messages delivered through this connection.</param>
/// <param name="Dropped">Messages dropped because its outbox was full.</param>
/// <param name="Channels">
/// The channels it is subscribed to: the framework's own (<c>$client:…</c>, <c>$session:…</c>,
/// <c>$broadcast</c>, <c>$user:…</c>) and those it joined.
/// </param>
public sealed record ConnectedClient(
    ClientInfo Client,
    string? CircuitId,
    DateTimeOffset ConnectedAt,
    bool IsUp,
    int Pending,
    long Delivered,
    long Dropped,
    IReadOnlyList<string> Channels);
