using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>
/// Orders, keeps and fans out publications: each gets a per-channel offset within an epoch and is
/// kept within the retention; every subscriber on every node receives it in offset order. The
/// in-memory engine serves one process; a Redis engine serves many nodes with the same contract.
/// </summary>
public interface IThywillEngine
{
    /// <summary>Publishes to a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="from">The sending client, or <see langword="null"/> for the server.</param>
    /// <param name="data">The payload.</param>
    /// <param name="cancellationToken">Cancels the publication before it is ordered.</param>
    /// <returns>The publication with its offset.</returns>
    ValueTask<Publication> PublishAsync(ChannelKey channel, string? from, JsonElement data, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a channel's publications from now on.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="subscriber">Receives the publications.</param>
    /// <param name="cancellationToken">Cancels the subscription request.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(ChannelKey channel, IChannelSubscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>Reads the publications of a channel still within retention, after an offset.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="afterOffset">Publications with a greater offset are returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The channel's epoch and the kept publications in offset order.</returns>
    ValueTask<ChannelHistory> ReadHistoryAsync(ChannelKey channel, long afterOffset, CancellationToken cancellationToken = default);
}
