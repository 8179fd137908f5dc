using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Reads what an outbox holds, as the pump would deliver it.</summary>
internal static class OutboxExtensions
{
    /// <summary>Closes the outbox and returns everything queued, in order.</summary>
    public static async Task<IReadOnlyList<IClientEvent>> DrainAsync(this Outbox outbox)
    {
        var delivered = new List<IClientEvent>();
        outbox.Complete();
        await outbox.PumpAsync(
            (batch, _) =>
            {
                delivered.AddRange(batch);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        return delivered;
    }

    /// <summary>Closes the outbox and returns the offsets of the publications it held, in order.</summary>
    public static async Task<IReadOnlyList<long>> DrainOffsetsAsync(this Outbox outbox) =>
        [.. (await outbox.DrainAsync()).OfType<Publication>().Select(p => p.Offset)];

    /// <summary>Closes the outbox and describes what it held (see <see cref="ClientEvents.Describe"/>).</summary>
    public static async Task<IReadOnlyList<string>> DrainDescribedAsync(this Outbox outbox) =>
        ClientEvents.Describe(await outbox.DrainAsync());
}
