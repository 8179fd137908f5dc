using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// Adds Thywill's filter to the circuit hub and raises its receive limit to fit the largest allowed message. SignalR closes the
/// whole connection when a message exceeds the hub limit (32 KB by default), so the limit must
/// sit above what thywill.js lets through; the message limit itself is enforced by Thywill with a
/// clean <c>too-large</c> refusal.
/// </summary>
internal static class CircuitHubSetup
{
    // An interop call carries the message's JSON as a string inside the hub frame: each character
    // can at worst double when escaped again; the rest is framing and call metadata.
    private const int Overhead = 16 * 1024;

    public static long For(int maxMessageBytes) => (2L * maxMessageBytes) + Overhead;

    public static void Register(IServiceCollection services)
    {
        // Blazor's hub type is internal; it is found through a public type of the same assembly.
        var hubType = typeof(CircuitHandler).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var setupType = typeof(Setup<>).MakeGenericType(hubType);
        services.AddSingleton(typeof(IPostConfigureOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hubType)), setupType);
    }

    private sealed class Setup<THub>(IOptions<ThywillOptions> options) : IPostConfigureOptions<HubOptions<THub>>
        where THub : Hub
    {
        public void PostConfigure(string? name, HubOptions<THub> hubOptions)
        {
            hubOptions.AddFilter(new Clients.CircuitConnectionFilter());
            var needed = For(options.Value.Messages.MaxMessageBytes);
            if (hubOptions.MaximumReceiveMessageSize is { } current && current < needed)
            {
                hubOptions.MaximumReceiveMessageSize = needed;
            }
        }
    }
}
