namespace Thywill.Blazor.Channels;

/// <summary>
/// Catching up: a channel whose publication the full outbox refused gets nothing more queued (a later
/// message must not overtake the refused one); once the pump has drained the outbox to half, every such
/// channel is caught up from its history through the same merge as a join. A catch-up whose history
/// read fails (the engine is briefly unreachable) is tried again after a growing delay, so that a
/// channel with no further traffic is not left behind until something else is delivered.
/// </summary>
internal sealed partial class SubscriptionSet
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Called by the pump after each delivery: once the outbox has drained to half, channels that
    /// fell behind are caught up from their history.
    /// </summary>
    public void OnDelivered()
    {
        if (Volatile.Read(ref _lagging) != 0 && Outbox.AtMostHalfFull(_session.Limits.Push.OutboxCapacity))
        {
            StartCatchUp();
        }
    }

    private void OnOutboxFull(ChannelCursor? cursor)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (_merging && cursor is not null)
        {
            // A history longer than the outbox holds (a join with history, a long recovery) is not a
            // slow client: the rest goes out in later rounds, in order, once the outbox drains.
            cursor.Lagging = true;
            Volatile.Write(ref _lagging, 1);
            return;
        }

        _session.OnOutboxFull();
        if (cursor is not null)
        {
            // Nothing more is queued for this channel (a later message must not overtake the one
            // refused): under Drop it is caught up from history once the outbox drains; under
            // Disconnect the session is closing and the browser recovers when it comes back.
            cursor.Lagging = true;
            Volatile.Write(ref _lagging, 1);
        }
    }

    private void StartCatchUp()
    {
        if (Interlocked.CompareExchange(ref _catchingUp, 1, 0) == 0)
        {
            _ = Task.Run(CatchUpAsync);
        }
    }

    private async Task CatchUpAsync()
    {
        ChannelCursor[] lagging = [];
        try
        {
            lock (_gate)
            {
                Volatile.Write(ref _lagging, 0);
                _session.OnCatchingUp();
                lagging = _cursors.Values.Where(c => c.Lagging).ToArray();
                foreach (var cursor in lagging)
                {
                    cursor.Lagging = false;
                    cursor.Recovering = true;
                    cursor.Buffer = [];
                }
            }

            foreach (var cursor in lagging)
            {
                ChannelPosition from;
                lock (_gate)
                {
                    from = new ChannelPosition(cursor.Epoch ?? "", cursor.Offset);
                    if (cursor.NewEpoch is { } newEpoch)
                    {
                        // From the new epoch's start; the report says what the old one took with it.
                        // NewEpoch stays until the merge, so that a failed read is retried from there too.
                        from = new ChannelPosition(newEpoch, 0);
                        cursor.Lost = true;
                    }
                }

                var history = await _history.ReadAsync(cursor.Key, cursor.Rule, from.Offset, _session.Lifetime).ConfigureAwait(false);
                lock (_gate)
                {
                    if (IsCurrent(cursor))
                    {
                        cursor.NewEpoch = null;
                        Merge(cursor, from, report: true, history);
                    }
                }
            }

            Volatile.Write(ref _retries, 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // What was buffered is in the history too: put the channels back to lagging so the
            // next delivery tries again, instead of leaving them buffering for ever.
            lock (_gate)
            {
                foreach (var cursor in lagging.Where(c => c.Recovering))
                {
                    cursor.Recovering = false;
                    cursor.Buffer = null;
                    cursor.Lagging = true;
                    Volatile.Write(ref _lagging, 1);
                }
            }

            if (!_session.Lifetime.IsCancellationRequested)
            {
                Log.CatchUpFailed(_session.Logger, ex, _session.Client.ApplicationId, _session.Client.ClientId);
                _ = RetryCatchUpAsync();
            }
        }
        finally
        {
            Volatile.Write(ref _catchingUp, 0);
        }
    }

    // Nothing else may come to wake the channel up: try again by itself, 0.5 s, 1 s, 2 s … 15 s apart.
    private async Task RetryCatchUpAsync()
    {
        var failures = Interlocked.Increment(ref _retries);
        var delay = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 10)));
        try
        {
            await Task.Delay(delay, _time, _session.Lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the session ended
        }

        if (Volatile.Read(ref _lagging) != 0 && Volatile.Read(ref _disposed) == 0)
        {
            StartCatchUp();
        }
    }
}
