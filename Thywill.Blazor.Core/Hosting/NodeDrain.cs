namespace Thywill.Blazor.Hosting;

/// <summary>
/// Whether this node is draining: shutting down, so not ready, refusing new page loads and new
/// clients (the balancer sends them to another node), while what is under way finishes.
/// </summary>
internal sealed class NodeDrain
{
    private int _draining;

    /// <summary>Whether the drain has begun.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Begins the drain (once; later calls do nothing).</summary>
    /// <returns>Whether this call began it.</returns>
    public bool Begin() => Interlocked.Exchange(ref _draining, 1) == 0;
}
