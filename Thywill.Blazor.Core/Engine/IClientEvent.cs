namespace Thywill.Blazor.Engine;

/// <summary>Something delivered to a client through its outbox: a message or a notice about a channel.</summary>
internal interface IClientEvent
{
    /// <summary>
    /// The event as the browser receives it, as UTF-8 JSON: written once however many clients
    /// receive it, and copied as it is into each client's delivery.
    /// </summary>
    ReadOnlyMemory<byte> Json { get; }
}
