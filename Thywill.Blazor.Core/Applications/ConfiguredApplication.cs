using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// An application defined entirely in configuration: a JavaScript front end and channel rules, no
/// server code. Browsers talk to each other through channels; a message sent to the application
/// itself is refused, since nothing would handle it.
/// </summary>
internal sealed class ConfiguredApplication(string id, ApplicationOptions options) : ThywillApplication
{
    public override ApplicationDescriptor Descriptor { get; } = new(id, options.Name!)
    {
        Description = options.Description,
        Resources = options.Resources.Select(r => ResourceOf(r)!).ToArray(),
    };

    public override Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken) =>
        throw new MessageRejectedException("This application has no server side: publish to a channel instead.");

    /// <summary>A resource from its URL: <c>.css</c> is a style sheet, <c>.js</c> a script.</summary>
    public static BootstrapResource? ResourceOf(string url)
    {
        var path = url.Split('?', '#')[0];
        return path.EndsWith(".css", StringComparison.OrdinalIgnoreCase) ? BootstrapResource.Style(url)
            : path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase) ? BootstrapResource.Script(url)
            : null;
    }
}
