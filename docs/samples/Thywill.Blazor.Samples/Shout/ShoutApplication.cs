using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Samples.Shout;

/// <summary>The first application of the JavaScript guide: upper-cases what you send, for everyone.</summary>
public sealed class ShoutApplication : ThywillApplication
{
    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new("shout", "Shout")
    {
        Description = "Upper-cases what you send and sends it to every tab of the app.",
        Resources =
        [
            BootstrapResource.Style("_content/Thywill.Blazor.Samples/shout/shout.css"),
            BootstrapResource.Script("_content/Thywill.Blazor.Samples/shout/shout.js"),
        ],
    };

    /// <inheritdoc />
    public override async Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (message.Text.Trim().Length == 0)
        {
            throw new MessageRejectedException("Say something.");
        }

        await Push.BroadcastAsync(message.Text.ToUpperInvariant(), cancellationToken);
    }
}
