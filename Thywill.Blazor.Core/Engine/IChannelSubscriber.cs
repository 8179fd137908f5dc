namespace Thywill.Blazor.Engine;

/// <summary>Receives a channel's publications on this node.</summary>
internal interface IChannelSubscriber
{
    /// <summary>
    /// A publication arrived. Called in offset order per channel, possibly while the engine holds the
    /// channel's lock: it must not block (enqueue and return).
    /// </summary>
    /// <param name="publication">The publication.</param>
    void OnPublication(Publication publication);

    /// <summary>A member joined or left the channel's presence. Same rules as <see cref="OnPublication"/>.</summary>
    /// <param name="presence">The change.</param>
    void OnPresence(PresenceEvent presence);
}
