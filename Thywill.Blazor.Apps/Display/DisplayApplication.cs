using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Apps.Display;

/// <summary>
/// Display: a live view of every application's clients connected to this node and the channels each
/// is in (<see cref="DisplayPage"/>). It has no server logic of its own: the page reads the
/// <see cref="Clients.IClientDirectory"/> in its circuit.
/// </summary>
/// <remarks>
/// Anyone who opens it sees the client ids and session prefixes of everyone on the node: an example,
/// not an operator console. Disable it (<c>Thywill:Applications:display:Enabled</c>) where that matters.
/// </remarks>
public sealed class DisplayApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "display";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Display")
    {
        Description = "A live view of every application's connected clients and their channels on this node.",
        Component = typeof(DisplayPage),

        // The collocated DisplayPage.razor.css, bundled by the build; the init page has no other link to it.
        Resources = [BootstrapResource.Style("_content/Thywill.Blazor.Apps/Thywill.Blazor.Apps.bundle.scp.css")],
    };
}
