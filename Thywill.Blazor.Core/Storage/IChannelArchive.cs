using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Storage;

/// <summary>
/// The durable history of archived channels (opt-in per channel pattern): publications survive a
/// restart, and so do the channel's epoch and offsets, so clients recover across it.
/// </summary>
internal interface IChannelArchive
{
    /// <summary>Opens a channel's archive, creating it with <paramref name="proposedEpoch"/> the first time.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="proposedEpoch">The epoch to use for a channel archived for the first time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The channel's epoch and newest archived offset.</returns>
    Task<(string Epoch, long LatestOffset)> OpenAsync(ChannelKey channel, string proposedEpoch, CancellationToken cancellationToken);

    /// <summary>Writes a publication, keeping at most <paramref name="keep"/> of the channel's newest.</summary>
    /// <param name="publication">The publication.</param>
    /// <param name="keep">How many publications the channel keeps.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a channel, with its publications, if it was created and last published to before
    /// <paramref name="idleSince"/>; opened again later, it starts a new epoch. The caller makes sure
    /// nobody has it open.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="idleSince">Only a channel untouched since this goes.</param>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>Whether it was deleted.</returns>
    Task<bool> DeleteIfIdleAsync(ChannelKey channel, DateTimeOffset idleSince, CancellationToken cancellationToken);

    /// <summary>The archived channels created before <paramref name="createdBefore"/>, for the clean-up.</summary>
    /// <param name="createdBefore">Newer channels are left out.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ChannelKey>> ListChannelsCreatedBeforeAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);

    /// <summary>Reads archived publications after an offset, oldest first.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="afterOffset">Publications with a greater offset are returned.</param>
    /// <param name="max">At most this many (the newest are kept when there are more).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Publication>> ReadAsync(ChannelKey channel, long afterOffset, int max, CancellationToken cancellationToken);
}
