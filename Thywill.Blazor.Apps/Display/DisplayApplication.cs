using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Apps.Display;

/// <summary>
/// Display: a live view of every application's clients connected to this node and the channels each
/// is in (<see cref="DisplayPage"/>). It has no server logic of its own: the page reads the
/// <see cref="Clients.IClientDirectory"/> in its circuit.
/// </summary>
/// <remarks>
/// A stranger sees how many clients each application has, never who: client ids, sessions and
/// channel names are shown only to a viewer who passes the host's <see cref="OperatorPolicy"/>
/// (the sample Host's signed-in operators). A host without that policy shows everyone counts only.
/// </remarks>
public sealed class DisplayApplication : ThywillApplication
{
    /// <summary>The authorization policy a viewer must pass to see each client; the sample Host defines it.</summary>
    public const string OperatorPolicy = "ThywillOperator";

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
