using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Samples.Counter;

/// <summary>
/// The counter of the Razor guide: one count shared by every page. Pages change it through calls
/// (<see cref="ICounterFunctions"/>); the server publishes each new count in a channel whose history
/// keeps the latest one, so a page that joins, reloads or reconnects shows it at once.
/// </summary>
public sealed class CounterApplication : ThywillApplication, ICounterFunctions
{
    /// <summary>The application id: its page is /thywill/init/counter.</summary>
    public const string Id = "counter";

    /// <summary>The channel of the count.</summary>
    public const string Channel = "counter:main";

    // One change at a time, so the counts are published in the order they were made.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _count;

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Counter")
    {
        Description = "One count shared by every page (Razor front end, typed calls, server publications).",
        Component = typeof(CounterPage),
        Channels =
        [
            // Pages may join, not publish: only the server changes the count. The latest count is
            // kept (in the database too, so it survives a restart) for whoever joins next.
            new ChannelDeclaration("counter:*") { Join = true, HistorySize = 1, Archive = true },
        ],
    };

    /// <inheritdoc />
    public Task<long> IncrementAsync(int by, ClientInfo? caller = null, CancellationToken cancellationToken = default)
    {
        if (by is < 1 or > 100)
        {
            throw new RpcException(ErrorCodes.InvalidArgument, "Add 1 to 100 at a time.");
        }

        return ChangeAsync(count => count + by, caller?.ClientId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> ResetAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync(_ => 0, from: null, cancellationToken);

    private async Task<long> ChangeAsync(Func<long, long> change, string? from, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // After a restart the count starts from the channel's last publication (archived).
            _count ??= (await Channels.ReadHistoryAsync(Channel, 1, cancellationToken)) is [var last]
                ? last.Data.GetProperty("count").GetInt64()
                : 0;
            var count = change(_count.Value);
            await Channels.PublishAsync(Channel, new { count }, from: from, cancellationToken: cancellationToken);
            _count = count;
            return count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
