using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Rpc;

namespace ThywillApp1;

/// <summary>
/// ThywillApp1: every page joins one room; what one types, every page sees, and a page opened (or
/// reloaded) later rebuilds the room from its history. The front end is wwwroot/thywillapp1-id.js.
/// </summary>
public sealed class AppClassNameApplication : ThywillApplication
{
    /// <summary>The application id: its page is <c>/thywill/init/thywillapp1-id</c>.</summary>
    public const string Id = "thywillapp1-id";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "ThywillApp1")
    {
        Description = "One room: what one page types, every page sees.",
        Resources =
        [
//#if (library)
            BootstrapResource.Style("_content/ThywillApp1/thywillapp1-id.css"),
            BootstrapResource.Script("_content/ThywillApp1/thywillapp1-id.js"),
//#else
            BootstrapResource.Style("thywillapp1-id.css"),
            BootstrapResource.Script("thywillapp1-id.js"),
//#endif
        ],
        Channels =
        [
            // Browsers join and publish in room:* themselves; the last 100 messages are kept for
            // pages that join later or come back (history), in memory (Archive = true keeps them
            // in the database across restarts).
            new ChannelDeclaration("room:*") { Join = true, Publish = true, HistorySize = 100 },
        ],
    };

    /// <summary>Greets the caller: <c>await thywill.call('hello')</c> in the browser.</summary>
    /// <param name="caller">Who calls, stamped by the server (a browser cannot pose as another).</param>
    /// <returns>The greeting.</returns>
    [RpcMethod]
    public Task<string> HelloAsync(ClientInfo caller) => Task.FromResult($"Hello, client {caller.ClientId[..8]}.");
}
