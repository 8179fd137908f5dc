namespace Thywill.Blazor.Engine;

/// <summary>Receives a channel's publications on this node.</summary>
public interface IChannelSubscriber
{
    /// <summary>
    /// A publication arrived. Called in offset order per channel, possibly while the engine holds the
    /// channel's lock: it must not block (enqueue and return).
    /// </summary>
    /// <param name="publication">The publication.</param>
    void OnPublication(Publication publication);
}
