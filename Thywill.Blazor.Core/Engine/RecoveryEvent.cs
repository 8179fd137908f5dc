using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>
/// The outcome of recovering one channel when a client came back: whether every message it missed
/// was delivered (<see cref="Recovered"/>), or retention had already removed some, so the application
/// should reload its state.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Recovered">Whether nothing was lost.</param>
/// <param name="Epoch">The channel's epoch now.</param>
/// <param name="FromOffset">The last offset the client had.</param>
/// <param name="Delivered">How many missed messages were delivered.</param>
public sealed record RecoveryEvent(string Channel, bool Recovered, string Epoch, long FromOffset, int Delivered) : IClientEvent
{
    /// <summary>The event for the browser, <c>{ type: 'recovery', channel, recovered, epoch, fromOffset, delivered }</c>, as UTF-8 JSON.</summary>
    ReadOnlyMemory<byte> IClientEvent.Json => Json;

    internal ReadOnlyMemory<byte> Json => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "recovery",
        channel = Channel,
        recovered = Recovered,
        epoch = Epoch,
        fromOffset = FromOffset,
        delivered = Delivered,
    });
}
