using System.Collections.Concurrent;
using System.Text;
using Microsoft.JSInterop;

namespace Thywill.Blazor.Bench.NaiveServer;

/// <summary>Every connected circuit's JS runtime, and the naive fan-out over them.</summary>
internal sealed class NaiveCircuits
{
    private readonly ConcurrentDictionary<long, IJSRuntime> _circuits = new();
    private long _nextId;
    private long _offset;

    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..8];

    public int Count => _circuits.Count;

    public long Add(IJSRuntime js)
    {
        var id = Interlocked.Increment(ref _nextId);
        _circuits[id] = js;
        return id;
    }

    public void Remove(long id) => _circuits.TryRemove(id, out _);

    /// <summary>
    /// The pattern an outbox replaces: one interop call per message per circuit, not awaited, so
    /// nothing bounds what queues up behind a slow client. The message's JSON is written once.
    /// </summary>
    public void Broadcast(long seq, string pad)
    {
        var batch = Envelope(seq, pad);
        foreach (var js in _circuits.Values)
        {
            _ = js.InvokeVoidAsync("thywill._deliver", batch).AsTask();
        }
    }

    private string Envelope(long seq, string pad)
    {
        var json = new StringBuilder(96 + pad.Length);
        json.Append("[{\"id\":\"").Append(Guid.NewGuid().ToString("N"))
            .Append("\",\"channel\":\"$broadcast\",\"epoch\":\"").Append(Epoch)
            .Append("\",\"offset\":").Append(Interlocked.Increment(ref _offset))
            .Append(",\"from\":null,\"data\":{\"seq\":").Append(seq)
            .Append(",\"pad\":\"").Append(pad)
            .Append("\"},\"ts\":").Append(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .Append("}]");
        return json.ToString();
    }
}
