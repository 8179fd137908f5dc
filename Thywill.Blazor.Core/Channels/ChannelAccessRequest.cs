using System.Text.Json;
using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Channels;

/// <summary>A client's request to join or publish, handed to the application's authorization hook.</summary>
/// <param name="Operation">Join or publish.</param>
/// <param name="Client">Who asks (stamped by the server).</param>
/// <param name="Channel">The channel name.</param>
/// <param name="Rule">The configured rule, or <see langword="null"/> when no pattern matches the channel.</param>
/// <param name="Data">The publication's payload, for <see cref="ChannelOperation.Publish"/>.</param>
public sealed record ChannelAccessRequest(ChannelOperation Operation, ClientInfo Client, string Channel, ChannelRule? Rule, JsonElement Data)
{
    /// <summary>What the configured rule alone allows.</summary>
    public bool AllowedByRule => Operation switch
    {
        ChannelOperation.Join => Rule?.Join == true,
        ChannelOperation.Publish => Rule?.Publish == true,
        _ => false,
    };
}
