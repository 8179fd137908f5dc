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

    /// <summary>
    /// Bytes (of the events' JSON) one circuit's outbox holds before <see cref="OutboxFullPolicy"/>
    /// applies, beside <see cref="OutboxCapacity"/>: 10,000 small messages and 500 large ones are not
    /// the same memory.
    /// </summary>
    /// <value>Defaults to 32 MiB (33,554,432).</value>
    public long OutboxMaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// The most bytes the pump sends in one interop call or one re-render, beside <see cref="MaxBatchSize"/>:
    /// a long catch-up goes out in several deliveries of at most this size (one larger event goes alone).
    /// </summary>
    /// <value>Defaults to 1 MiB (1,048,576).</value>
    public long MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>What happens when a slow client's outbox is full.</summary>
    /// <value>Defaults to <see cref="OutboxFullPolicy.Disconnect"/>.</value>
    public OutboxFullPolicy OutboxFullPolicy { get; set; } = OutboxFullPolicy.Disconnect;
}
