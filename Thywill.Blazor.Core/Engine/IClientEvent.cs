namespace Thywill.Blazor.Engine;

/// <summary>Something delivered to a client through its outbox: a message or a notice about a channel.</summary>
public interface IClientEvent
{
    /// <summary>The event as the browser receives it, written once however many clients receive it.</summary>
    string ToJson();
}
