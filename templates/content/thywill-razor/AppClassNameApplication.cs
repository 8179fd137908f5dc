using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;

namespace ThywillApp1;

/// <summary>
/// ThywillApp1: every page joins one room; what one types, every page sees, and a page opened (or
/// reloaded) later rebuilds the room from its history. The front end is <see cref="AppClassNamePage"/>.
/// </summary>
public sealed class AppClassNameApplication : ThywillApplication, IAppClassNameFunctions
{
    /// <summary>The application id: its page is <c>/thywill/init/thywillapp1-id</c>.</summary>
    public const string Id = "thywillapp1-id";

    /// <summary>The room every page joins.</summary>
    public const string Room = "room:main";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "ThywillApp1")
    {
        Description = "One room: what one page types, every page sees.",
        Component = typeof(AppClassNamePage),
        Channels =
        [
            // Pages join and publish in room:* themselves; the last 100 messages are kept for
            // pages that join later or come back (history), in memory (Archive = true keeps them
            // in the database across restarts).
            new ChannelDeclaration("room:*") { Join = true, Publish = true, HistorySize = 100 },
        ],
    };

    /// <inheritdoc />
    public Task<string> HelloAsync(ClientInfo? caller = null) =>
        Task.FromResult($"Hello, client {caller?.ClientId[..8]}.");
}
