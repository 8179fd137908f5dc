using System.Collections.Concurrent;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Thywill;

namespace Thywill.Blazor.LoadClient.Tests.Kit;

/// <summary>Keeps every delivered message's JSON, per client, in arrival order.</summary>
public sealed class RecordingSink : IMessageSink
{
    private readonly ConcurrentDictionary<int, ConcurrentQueue<string>> _messages = new();

    public void OnMessage(int clientIndex, long offset, JsonElement data, long receivedTimestamp) =>
        _messages.GetOrAdd(clientIndex, _ => new ConcurrentQueue<string>()).Enqueue(data.GetRawText());

    public IReadOnlyList<string> For(int clientIndex) =>
        _messages.TryGetValue(clientIndex, out var queue) ? [.. queue] : [];

    /// <summary>Waits until a client has <paramref name="count"/> messages, or the time is up.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int clientIndex, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (For(clientIndex).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return For(clientIndex);
    }
}
