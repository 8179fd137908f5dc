using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.Draw;

/// <summary>
/// Draw: a shared canvas. Everything happens in the browser and in channels (<c>draw:*</c>, whose
/// rules are configuration); the server side is only this descriptor, and the front end is whatever
/// is in the <c>draw</c> folder.
/// </summary>
public sealed class DrawApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "draw";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Draw")
    {
        Description = "A shared canvas: strokes go to everyone else in the room; late joiners see recent strokes.",
        ResourceFolder = "_content/Thywill.Blazor.Apps/draw",
    };

    /// <inheritdoc />
    public override Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken) =>
        throw new MessageRejectedException("Draw takes strokes through its channels, not messages.");
}
