using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Storage;

/// <summary>
/// The archive, resolved on first use. Creating the real one reads the validated options, and their
/// validation resolves the applications: an application that injects
/// <see cref="Channels.IThywillChannels"/> would otherwise depend on itself.
/// </summary>
internal sealed class DeferredChannelArchive(IServiceProvider services) : IChannelArchive
{
    private IChannelArchive Inner => services.GetRequiredService<IChannelArchive>();

    public Task<(string Epoch, long LatestOffset)> OpenAsync(ChannelKey channel, string proposedEpoch, CancellationToken cancellationToken) =>
        Inner.OpenAsync(channel, proposedEpoch, cancellationToken);

    public Task AppendAsync(Publication publication, int keep, CancellationToken cancellationToken) =>
        Inner.AppendAsync(publication, keep, cancellationToken);

    public Task<IReadOnlyList<Publication>> ReadAsync(ChannelKey channel, long afterOffset, int max, CancellationToken cancellationToken) =>
        Inner.ReadAsync(channel, afterOffset, max, cancellationToken);
}
