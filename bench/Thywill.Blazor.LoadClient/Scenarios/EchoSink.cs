using System.Collections.Concurrent;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>Completes a waiter when the echo of its key (a JSON string) arrives.</summary>
internal sealed class EchoSink : IMessageSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);

    public Task<long> Expect(string key)
    {
        var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[key] = arrival;
        return arrival.Task;
    }

    public void Forget(string key) => _waiting.TryRemove(key, out _);

    public void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp)
    {
        if (data.ValueKind == JsonValueKind.String && _waiting.TryRemove(data.GetString()!, out var arrival))
        {
            arrival.TrySetResult(receivedTimestamp);
        }
    }
}
