using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A front end's transport that records what the session tells it.</summary>
internal sealed class RecordingTransport : IDeliveryTransport
{
    public List<IReadOnlyList<IClientEvent>> Batches { get; } = [];

    public List<long> Gaps { get; } = [];

    public List<string> CloseReasons { get; } = [];

    public Task DeliverAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken)
    {
        lock (Batches)
        {
            Batches.Add(batch.ToArray());
        }

        return Task.CompletedTask;
    }

    public void NotifyGap(long dropped) => Gaps.Add(dropped);

    public void Close(string reason) => CloseReasons.Add(reason);
}
