using Thywill.Blazor.Push;

namespace Thywill.Blazor.Hosting;

/// <summary>Options of the push component: the per-circuit outbox and its pump.</summary>
internal sealed class PushOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Push";

    /// <summary>Messages one circuit's outbox holds before <see cref="OutboxFullPolicy"/> applies.</summary>
    /// <value>Defaults to 10,000.</value>
    public int OutboxCapacity { get; set; } = 10_000;

    /// <summary>The most messages the pump sends in one interop call or one re-render.</summary>
    /// <value>Defaults to 1,000.</value>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>What happens when a slow client's outbox is full.</summary>
    /// <value>Defaults to <see cref="OutboxFullPolicy.Disconnect"/>.</value>
    public OutboxFullPolicy OutboxFullPolicy { get; set; } = OutboxFullPolicy.Disconnect;
}
