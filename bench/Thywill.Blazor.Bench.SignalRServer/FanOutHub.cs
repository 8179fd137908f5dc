using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Thywill.Blazor.Bench.SignalRServer;

/// <summary>
/// <c>Send(json)</c> with <c>{ "seq": n, "count": k, "pad": p }</c> broadcasts <c>k</c> messages to
/// every connection, each as a one-envelope batch <c>[{ id, channel, epoch, offset, from, data, ts }]</c>
/// on the client method <c>deliver</c>; the answer is <c>{ ok, id }</c> as Thywill answers a send.
/// </summary>
internal sealed class FanOutHub(FanOutCounters counters) : Hub
{
    private const int MaxCount = 10_000;
    private const int MaxPad = 16 * 1024;

    public override Task OnConnectedAsync()
    {
        counters.Connect();
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        counters.Disconnect();
        return Task.CompletedTask;
    }

    public async Task<string> Send(string dataJson)
    {
        using var data = JsonDocument.Parse(dataJson);
        var root = data.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("seq", out var seqValue) || !seqValue.TryGetInt64(out var seq))
        {
            return """{"ok":false,"code":"rejected","message":"Expected { \"seq\": n, \"count\": k, \"pad\": p }."}""";
        }

        var count = root.TryGetProperty("count", out var c) && c.TryGetInt32(out var k) ? Math.Clamp(k, 1, MaxCount) : 1;
        var pad = new string('x', root.TryGetProperty("pad", out var p) && p.TryGetInt32(out var n) ? Math.Clamp(n, 0, MaxPad) : 0);
        for (var i = 0; i < count; i++)
        {
            // Written once per broadcast; SignalR serialises the hub message once for all connections.
            await Clients.All.SendAsync("deliver", Envelope(seq + i, pad));
        }

        return """{"ok":true,"id":""" + JsonSerializer.Serialize(Guid.NewGuid().ToString("N")) + "}";
    }

    private string Envelope(long seq, string pad)
    {
        var json = new StringBuilder(96 + pad.Length);
        json.Append("[{\"id\":\"").Append(Guid.NewGuid().ToString("N"))
            .Append("\",\"channel\":\"$broadcast\",\"epoch\":\"").Append(counters.Epoch)
            .Append("\",\"offset\":").Append(counters.NextOffset())
            .Append(",\"from\":null,\"data\":{\"seq\":").Append(seq)
            .Append(",\"pad\":\"").Append(pad)
            .Append("\"},\"ts\":").Append(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .Append("}]");
        return json.ToString();
    }
}
