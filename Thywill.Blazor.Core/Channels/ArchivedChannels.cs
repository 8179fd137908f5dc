using System.Collections.Concurrent;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Opens archived channels: once per process, before the engine touches one, its epoch and offsets
/// continue from the database, so a restart neither resets nor reuses them.
/// </summary>
internal sealed class ArchivedChannels(IThywillEngine engine, IChannelArchive archive)
{
    private readonly ConcurrentDictionary<ChannelKey, Lazy<Task>> _opened = new();

    /// <summary>The archive behind the archived channels.</summary>
    public IChannelArchive Archive => archive;

    /// <summary>Makes sure an archived channel was opened; completes at once for other channels.</summary>
    public Task OpenAsync(ChannelKey key, ChannelRule rule)
    {
        if (!rule.Archive)
        {
            return Task.CompletedTask;
        }

        var opening = _opened.GetOrAdd(key, k => new Lazy<Task>(() => OpenCoreAsync(k)));
        if (opening.Value.IsFaulted)
        {
            // A failed open (the database was down) is tried again now, not left to the next caller.
            _opened.TryRemove(new KeyValuePair<ChannelKey, Lazy<Task>>(key, opening));
            opening = _opened.GetOrAdd(key, k => new Lazy<Task>(() => OpenCoreAsync(k)));
        }

        return opening.Value;
    }

    private async Task OpenCoreAsync(ChannelKey key)
    {
        var (epoch, latest) = await archive.OpenAsync(key, IdGenerator.NewId()[..8], CancellationToken.None).ConfigureAwait(false);
        await engine.SeedChannelAsync(key, epoch, latest).ConfigureAwait(false);
    }
}
