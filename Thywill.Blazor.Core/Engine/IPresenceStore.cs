namespace Thywill.Blazor.Engine;

/// <summary>
/// The presence layer of the engine: who is in a channel. A change is announced to the channel's
/// subscribers (through the broker's fan-out) as <c>join</c>, <c>update</c> or <c>leave</c>. On
/// many nodes a member lives as long as the node holding it refreshes it.
/// </summary>
internal interface IPresenceStore
{
    /// <summary>Adds or updates a member of a channel's presence; subscribers see <c>join</c> or <c>update</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="member">The member.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask JoinPresenceAsync(ChannelKey channel, PresenceMember member, CancellationToken cancellationToken = default);

    /// <summary>Removes a member; subscribers see <c>leave</c>. Nothing happens for a non-member.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="clientId">The member's client id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask LeavePresenceAsync(ChannelKey channel, string clientId, CancellationToken cancellationToken = default);

    /// <summary>The members of a channel's presence.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyList<PresenceMember>> GetPresenceAsync(ChannelKey channel, CancellationToken cancellationToken = default);

    /// <summary>How many presence members of an application's channels this node holds (its own clients'): for the node's gauge.</summary>
    /// <param name="applicationId">The application.</param>
    int PresenceCountOf(string applicationId);
}
