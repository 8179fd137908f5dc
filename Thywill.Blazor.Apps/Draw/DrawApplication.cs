using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Apps.Draw;

/// <summary>
/// Draw: a shared canvas. Everything happens in the browser and in channels (<c>draw:*</c>, whose
/// rules it declares); the server side is only this descriptor, and the front end is whatever
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
        Channels =
        [
            // Late joiners replay the room's recent strokes: up to 2,000 of them, 4 MiB, an hour.
            new ChannelDeclaration("draw:*") { Join = true, Publish = true, Presence = true, HistorySize = 2000, HistoryMaxBytes = 4 * 1024 * 1024, HistoryAge = TimeSpan.FromHours(1) },
        ],
    };

    /// <inheritdoc />
    public override Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken) =>
        throw new MessageRejectedException("Draw takes strokes through its channels, not messages.");
}
