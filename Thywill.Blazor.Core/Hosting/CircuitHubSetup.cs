using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// Adds Thywill's filter to the circuit hub and raises its receive limit to fit the largest allowed
/// message, through the public <c>AddHubOptions</c> of the server-side Blazor builder. SignalR closes
/// the whole connection when a message exceeds the hub limit (32 KB by default), so the limit must
/// sit above what thywill.js lets through; the message limit itself is enforced by Thywill with a
/// clean <c>too-large</c> refusal.
/// </summary>
/// <remarks>
/// The hub's options are configured by a plain callback, without services, so the message limit
/// reaches it through <see cref="Limit"/>: the validated <see cref="MessageOptions"/> are made when
/// the host starts (<c>ValidateOnStart</c>), before any circuit, and set it then.
/// </remarks>
internal sealed class CircuitHubSetup : IPostConfigureOptions<MessageOptions>
{
    // An interop call carries the message's JSON as a string inside the hub frame: each character
    // can at worst double when escaped again; the rest is framing and call metadata.
    private const int Overhead = 16 * 1024;

    private int _maxMessageBytes = new MessageOptions().MaxMessageBytes;

    /// <summary>The receive limit the circuit hub needs for messages up to <paramref name="maxMessageBytes"/>.</summary>
    public static long For(int maxMessageBytes) => (2L * maxMessageBytes) + Overhead;

    /// <summary>The receive limit for the configured message limit.</summary>
    public long Limit => For(Volatile.Read(ref _maxMessageBytes));

    public static void Register(IServerSideBlazorBuilder blazor)
    {
        var setup = new CircuitHubSetup();
        blazor.Services.AddSingleton<IPostConfigureOptions<MessageOptions>>(setup);
        blazor.AddHubOptions(hub => setup.Configure(hub));
    }

    public void PostConfigure(string? name, MessageOptions options) =>
        Volatile.Write(ref _maxMessageBytes, options.MaxMessageBytes);

    private void Configure(HubOptions hub)
    {
        hub.AddFilter(new Clients.CircuitConnectionFilter());
        if (hub.MaximumReceiveMessageSize is { } current && current < Limit)
        {
            hub.MaximumReceiveMessageSize = Limit;
        }
    }
}
