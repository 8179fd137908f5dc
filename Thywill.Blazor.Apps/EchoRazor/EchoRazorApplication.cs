using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Apps.EchoRazor;

/// <summary>Echo with a Razor front end (<see cref="EchoPage"/>) using the C# client API.</summary>
public sealed class EchoRazorApplication : ThywillApplication
{
    /// <summary>The application id.</summary>
    public const string Id = "echo-razor";

    /// <inheritdoc />
    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Echo (Razor)")
    {
        Description = "Sends each message back to its sender (Razor front end, C# client API).",
        Component = typeof(EchoPage),
    };

    /// <inheritdoc />
    public override async Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        await Push.SendToClientAsync(message.Sender.ClientId, message.Data, cancellationToken);
    }
}
