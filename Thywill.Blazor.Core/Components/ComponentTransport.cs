using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Components;

/// <summary>
/// Delivery to a Razor front end: the batch runs through the component's handlers on the circuit's
/// dispatcher and the page re-renders once; then the tab's memory of its positions is updated.
/// </summary>
internal sealed class ComponentTransport(ThywillClient client, TabMemory memory, Func<Func<Task>, Task> onDispatcher, Action<string> close) : IDeliveryTransport
{
    public async Task DeliverAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        // The pump reuses its batch list: the dispatcher gets a copy of its own.
        var copy = batch.ToArray();
        await onDispatcher(() => client.DispatchAsync(copy)).ConfigureAwait(false);
        memory.Delivered(copy);
    }

    public void NotifyGap(long dropped) => _ = onDispatcher(() => client.NotifyGapAsync(dropped));

    public void Close(string reason) => close(reason);
}
