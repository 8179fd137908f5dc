using System.Text.Json;
using Microsoft.JSInterop;

namespace Thywill.Blazor.Bench.NaiveServer;

/// <summary>What the page may call: <c>Send</c>, answered as Thywill answers (<c>{ ok, id }</c>).</summary>
public sealed class NaiveInterop
{
    private const int MaxCount = 10_000;
    private const int MaxPad = 16 * 1024;
    private readonly NaiveCircuits _circuits;

    internal NaiveInterop(NaiveCircuits circuits) => _circuits = circuits;

    /// <summary><c>{ "seq": n, "count": k, "pad": p }</c> broadcasts k messages to every circuit.</summary>
    /// <param name="data">The request.</param>
    /// <returns>The acknowledgement.</returns>
    [JSInvokable("Send")]
    public Dictionary<string, object?> Send(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("seq", out var seqValue) || !seqValue.TryGetInt64(out var seq))
        {
            return new() { ["ok"] = false, ["code"] = "rejected", ["message"] = "Expected { \"seq\": n, \"count\": k, \"pad\": p }." };
        }

        var count = data.TryGetProperty("count", out var c) && c.TryGetInt32(out var k) ? Math.Clamp(k, 1, MaxCount) : 1;
        var pad = new string('x', data.TryGetProperty("pad", out var p) && p.TryGetInt32(out var n) ? Math.Clamp(n, 0, MaxPad) : 0);
        for (var i = 0; i < count; i++)
        {
            _circuits.Broadcast(seq + i, pad);
        }

        return new() { ["ok"] = true, ["id"] = Guid.NewGuid().ToString("N") };
    }
}
