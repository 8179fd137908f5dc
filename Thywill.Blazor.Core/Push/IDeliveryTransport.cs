using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Push;

/// <summary>
/// How one front end receives what its session's pump delivers: the script transport calls
/// <c>thywill._deliver</c> once per batch, the component transport runs the Razor handlers and
/// re-renders once per batch. Everything else about a session is shared by both.
/// </summary>
internal interface IDeliveryTransport
{
    /// <summary>Delivers one batch, in order; returns once it is delivered (retrying across reconnects itself).</summary>
    Task DeliverAsync(IReadOnlyList<IClientEvent> batch, CancellationToken cancellationToken);

    /// <summary>Messages were dropped because the client fell behind (Drop policy); a catch-up follows.</summary>
    /// <param name="dropped">How many so far.</param>
    void NotifyGap(long dropped);

    /// <summary>The session must end (its outbox overflowed under the Disconnect policy): close the circuit.</summary>
    /// <param name="reason">Why, for the log.</param>
    void Close(string reason);
}
