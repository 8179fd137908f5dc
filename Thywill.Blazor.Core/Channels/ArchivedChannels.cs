using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Opens archived channels: before the engine touches one, its epoch and offsets continue from the
/// database, so a restart neither resets nor reuses them. Whoever uses an archived channel (a
/// subscription being made, a publication, a history read) holds a lease on it meanwhile; a channel
/// nobody has leased for the idle retention is closed again — its handle here and its state in the
/// engine go, once the engine holds nothing the database does not — and reopened from the database
/// on its next use, with the same epoch and the next offset.
/// </summary>
internal sealed partial class ArchivedChannels(IChannelBroker broker, IChannelArchive archive, TimeProvider time, ILogger<ArchivedChannels>? logger = null)
{
    private readonly ConcurrentDictionary<ChannelKey, Handle> _opened = new();
    private readonly TimeProvider _time = time;

    /// <summary>The archive behind the archived channels.</summary>
    public IChannelArchive Archive => archive;

    /// <summary>How many archived channels are open on this node.</summary>
    public int OpenCount => _opened.Count;

    /// <summary>Whether an archived channel is open on this node.</summary>
    public bool IsOpen(ChannelKey key) => _opened.ContainsKey(key);

    /// <summary>
    /// Opens an archived channel (once) and holds it open until the lease is disposed; for a channel
    /// that is not archived, an empty lease at once.
    /// </summary>
    public async ValueTask<Lease> LeaseAsync(ChannelKey key, ChannelRule rule)
    {
        if (!rule.Archive)
        {
            return default;
        }

        while (true)
        {
            var handle = _opened.GetOrAdd(key, static (k, self) => new Handle(self.OpenCoreAsync(k), self._time.GetTimestamp()), this);
            lock (handle)
            {
                if (handle.Closed)
                {
                    continue; // closed by the sweep meanwhile: open it again
                }

                handle.Leases++;
            }

            try
            {
                await handle.Opening.ConfigureAwait(false);
                return new Lease(this, handle);
            }
            catch
            {
                Release(handle);

                // A failed open (the database was down) is tried again by the next caller, not kept.
                lock (handle)
                {
                    handle.Closed = true;
                }

                _opened.TryRemove(new KeyValuePair<ChannelKey, Handle>(key, handle));
                throw;
            }
        }
    }

    /// <summary>
    /// Closes the archived channels nobody has leased for <paramref name="idle"/>: each whose engine
    /// state holds nothing beyond what the database has is forgotten by the engine too.
    /// </summary>
    /// <returns>How many were closed.</returns>
    public async Task<int> SweepAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        var before = _time.GetTimestamp();
        var closed = 0;
        foreach (var (key, handle) in _opened)
        {
            lock (handle)
            {
                if (handle.Leases > 0 || !handle.Opening.IsCompletedSuccessfully || _time.GetElapsedTime(handle.LastUsed, before) < idle)
                {
                    continue;
                }

                handle.Closed = true;
            }

            _opened.TryRemove(new KeyValuePair<ChannelKey, Handle>(key, handle));

            // Whoever comes now opens the channel again from the database; the engine forgets its
            // state only if nobody subscribed meanwhile and the database has its newest offset.
            var forgotten = false;
            try
            {
                var (_, persisted) = await archive.OpenAsync(key, IdGenerator.NewId()[..8], cancellationToken).ConfigureAwait(false);
                forgotten = await broker.ForgetIfIdleAsync(key, persisted, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!forgotten)
                {
                    // Still in use, writes still on their way, or the database is down: keep it open
                    // (unless it was opened again meanwhile).
                    _opened.TryAdd(key, new Handle(Task.CompletedTask, _time.GetTimestamp()));
                }
            }

            closed += forgotten ? 1 : 0;
        }

        return closed;
    }

    /// <summary>
    /// Deletes an archived channel, with its publications, from the database if it is not open on
    /// this node and nobody created or published to it since <paramref name="idleSince"/>; whoever
    /// opens it meanwhile waits, and then opens it anew (a new epoch if it went).
    /// </summary>
    /// <param name="key">The channel.</param>
    /// <param name="idleSince">Only a channel untouched since this goes.</param>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>Whether it was deleted.</returns>
    public async Task<bool> DeleteIfUnusedAsync(ChannelKey key, DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        var deleting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = new Handle(deleting.Task, _time.GetTimestamp());
        if (!_opened.TryAdd(key, handle))
        {
            return false; // open: in use
        }

        var deleted = false;
        try
        {
            deleted = await archive.DeleteIfIdleAsync(key, idleSince, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            bool leased;
            lock (handle)
            {
                leased = handle.Leases > 0;
                handle.Closed = !leased;
            }

            if (leased)
            {
                // Someone came while it was being deleted: open it for them.
                try
                {
                    await OpenCoreAsync(key).ConfigureAwait(false);
                    deleting.SetResult();
                }
                catch (Exception ex)
                {
                    deleting.SetException(ex);
                }
            }
            else
            {
                _opened.TryRemove(new KeyValuePair<ChannelKey, Handle>(key, handle));
                deleting.SetResult();
            }
        }

        return deleted;
    }

    private void Release(Handle handle)
    {
        lock (handle)
        {
            handle.Leases--;
            handle.LastUsed = _time.GetTimestamp();
        }
    }

    /// <summary>
    /// Calls the broker for an archived channel; when the broker no longer holds the channel's seed
    /// (Redis restarted empty, or the channel was forgotten meanwhile), seeds it again from the
    /// database — the same epoch, the next offset — and calls once more. Never lets the broker start
    /// a new epoch, whose offsets would collide with the archive's.
    /// </summary>
    /// <param name="key">The channel (archived).</param>
    /// <param name="call">The broker call.</param>
    /// <param name="cancellationToken">Cancels the seeding.</param>
    public async Task<T> SeededAsync<T>(ChannelKey key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (UnseededChannelException)
        {
            var (epoch, latest) = await archive.OpenAsync(key, IdGenerator.NewId()[..8], cancellationToken).ConfigureAwait(false);
            await broker.SeedChannelAsync(key, epoch, latest, cancellationToken).ConfigureAwait(false);
            if (logger is not null)
            {
                Log.Reseeded(logger, key.ApplicationId, key.Name, epoch, latest);
            }

            return await call().ConfigureAwait(false);
        }
    }

    private async Task OpenCoreAsync(ChannelKey key)
    {
        var (epoch, latest) = await archive.OpenAsync(key, IdGenerator.NewId()[..8], CancellationToken.None).ConfigureAwait(false);
        await broker.SeedChannelAsync(key, epoch, latest).ConfigureAwait(false);
    }

    /// <summary>One open archived channel: its opening, how many hold it, when it was last let go.</summary>
    internal sealed class Handle(Task opening, long openedAt)
    {
        public Task Opening { get; } = opening;

        public int Leases;

        public long LastUsed = openedAt;

        public bool Closed;
    }

    /// <summary>Holds an archived channel open; disposing it lets go.</summary>
    internal readonly struct Lease : IDisposable
    {
        private readonly ArchivedChannels? _owner;
        private readonly Handle? _handle;

        internal Lease(ArchivedChannels owner, Handle handle)
        {
            _owner = owner;
            _handle = handle;
        }

        public void Dispose()
        {
            if (_handle is not null)
            {
                _owner!.Release(_handle);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(130, LogLevel.Warning, "The engine had lost archived channel {AppId}/{Channel}: seeded again from the database at epoch {Epoch}, offset {Offset}")]
        public static partial void Reseeded(ILogger logger, string appId, string channel, string epoch, long offset);
    }
}
