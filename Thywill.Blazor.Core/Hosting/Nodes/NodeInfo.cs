namespace Thywill.Blazor.Hosting;

/// <summary>A node of the cluster, as its last heartbeat described it.</summary>
/// <param name="Id">The node's id (new at each start).</param>
/// <param name="Machine">The machine it runs on.</param>
/// <param name="Clients">Clients connected to it at its last heartbeat.</param>
/// <param name="Started">When it started.</param>
/// <param name="LastSeen">Its last heartbeat.</param>
/// <param name="Up">Whether its heartbeat is recent (within <c>Thywill:Engine:Redis:NodeTtl</c>).</param>
/// <param name="IsThisNode">Whether it is the node answering.</param>
public sealed record NodeInfo(string Id, string Machine, int Clients, DateTimeOffset Started, DateTimeOffset LastSeen, bool Up, bool IsThisNode);
