using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Components;

/// <summary>
/// Keeps a Razor front end's memory of its channels in the tab, where thywill.js keeps a JavaScript
/// front end's: the last position per channel and whether it was joined with its history, so a
/// reload resumes the same channels from the same places. Updates are coalesced per channel and
/// written with one interop call whenever the browser is connected; they never hold up delivery.
/// </summary>
internal sealed partial class TabMemory(IJSRuntime js, CircuitLink link, ILogger logger, CancellationToken lifetime)
{
    private readonly Lock _gate = new();
    private Dictionary<string, Update?> _pending = new(StringComparer.Ordinal);
    private bool _writing;

    /// <summary>The newest position of each channel in a delivered batch.</summary>
    public void Delivered(IReadOnlyList<IClientEvent> batch)
    {
        lock (_gate)
        {
            foreach (var item in batch)
            {
                if (item is Publication publication)
                {
                    var previous = _pending.GetValueOrDefault(publication.Channel.Name);
                    _pending[publication.Channel.Name] = new Update(publication.Epoch, publication.Offset, previous?.History ?? (PersonalHistory(publication.Channel.Name) ? true : null));
                }
            }
        }

        Flush();
    }

    /// <summary>A channel was joined: with its history, its messages set the position; otherwise it starts at the join's.</summary>
    public void Joined(string channel, SendResult result, bool history)
    {
        lock (_gate)
        {
            var previous = _pending.GetValueOrDefault(channel);
            _pending[channel] = history
                ? new Update(previous?.Epoch, previous?.Offset, History: true)
                : new Update(previous?.Epoch ?? result.Epoch, previous?.Offset ?? result.Offset, previous?.History);
        }

        Flush();
    }

    /// <summary>A channel was left: the tab forgets it.</summary>
    public void Left(string channel)
    {
        lock (_gate)
        {
            _pending[channel] = null;
        }

        Flush();
    }

    // A Razor component is new on every page: its client's own channels (personal, session, user) are
    // given to a new page whole, as its channels joined with history are; the broadcast is not.
    private static bool PersonalHistory(string channel) =>
        channel.StartsWith('$') && channel != ChannelKey.BroadcastName;

    private void Flush()
    {
        lock (_gate)
        {
            if (_writing || _pending.Count == 0)
            {
                return;
            }

            _writing = true;
        }

        _ = WriteAsync();
    }

    private async Task WriteAsync()
    {
        try
        {
            while (true)
            {
                await link.WaitUpAsync(lifetime);
                Dictionary<string, Update?> updates;
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        _writing = false;
                        return;
                    }

                    updates = _pending;
                    _pending = new(StringComparer.Ordinal);
                }

                try
                {
                    await js.InvokeVoidAsync("thywill._remember", lifetime, InteropJson.Text(JsonSerializer.Serialize(updates, UpdateJson.Default.DictionaryStringUpdate)));
                }
                catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException && !lifetime.IsCancellationRequested)
                {
                    // Written again with the next update, merged with anything newer.
                    lock (_gate)
                    {
                        foreach (var (channel, update) in updates)
                        {
                            _pending.TryAdd(channel, update);
                        }
                    }

                    Log.WriteFailed(logger, ex);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), lifetime);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>One channel's change: fields left null keep what the tab has.</summary>
    internal sealed record Update(
        [property: JsonPropertyName("epoch")] string? Epoch,
        [property: JsonPropertyName("offset")] long? Offset,
        [property: JsonPropertyName("history")] bool? History);

    private static partial class Log
    {
        [LoggerMessage(55, LogLevel.Debug, "Writing channel positions to the tab failed; retrying")]
        public static partial void WriteFailed(ILogger logger, Exception exception);
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, TabMemory.Update?>))]
internal sealed partial class UpdateJson : JsonSerializerContext;
