using System.Text.Json;

namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>Receives what the load clients are delivered (the page's <c>message</c> event).</summary>
public interface IMessageSink
{
    /// <summary>
    /// A message reached a client, once: repeats of an offset already seen are dropped before this, as
    /// thywill.js drops them. Called on the client's receive loop: it must be quick and thread-safe.
    /// </summary>
    /// <param name="clientIndex">The receiving client's index in its pool.</param>
    /// <param name="offset">The message's offset in its channel.</param>
    /// <param name="data">The message's data; valid only during the call.</param>
    /// <param name="receivedTimestamp">When the batch arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
    void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp);

    /// <summary>
    /// The same message with its whole envelope (<c>{ id, channel, epoch, offset, from, data, ts }</c>),
    /// for sinks that check the channel and epoch too; by default it hands the data to <see cref="OnMessage"/>.
    /// </summary>
    /// <param name="clientIndex">The receiving client's index in its pool.</param>
    /// <param name="envelope">The envelope; valid only during the call.</param>
    /// <param name="offset">The message's offset in its channel.</param>
    /// <param name="receivedTimestamp">When the batch arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
    void OnEnvelope(int clientIndex, JsonElement envelope, long offset, long receivedTimestamp) =>
        OnMessage(clientIndex, offset, envelope.GetProperty("data"), receivedTimestamp);
}
