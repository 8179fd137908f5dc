namespace Thywill.Blazor.Hosting;

/// <summary>
/// The nodes serving this cluster, for operators and dashboards: with the in-memory engine just this
/// one; with the Redis engine every node whose heartbeat Redis has, up or (for a day) down.
/// </summary>
public interface IThywillNodes
{
    /// <summary>The nodes, this one first, then by id.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default);
}
