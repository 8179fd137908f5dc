using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Apps.Echo;

/// <summary>
/// The seed's proof of concept: every message a client sends comes back to that client only.
/// Its front end is plain JavaScript written against the seed API (<c>wwwroot/echo/echo.js</c>).
/// </summary>
public sealed class EchoApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "echo";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Echo")
    {
        Description = "Sends each message back to its sender (JavaScript front end, seed API).",
        Resources =
        [
            BootstrapResource.Style("_content/Thywill.Blazor.Apps/echo/echo.css"),
            BootstrapResource.Script("_content/Thywill.Blazor.Apps/echo/echo.js"),
        ],
    };

    /// <inheritdoc />
    public override async Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        await Push.SendToClientAsync(message.Sender.ClientId, message.Data, cancellationToken);
    }
}
