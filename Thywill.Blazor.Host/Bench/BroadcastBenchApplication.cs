using System.Text.Json;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Host.Bench;

/// <summary>
/// A benchmark-only application, registered only when <c>Thywill:Bench:Enabled</c> is on: a client's
/// message <c>{ "seq": n, "count": k, "pad": p }</c> is broadcast to every client of the application as
/// <c>k</c> messages <c>{ "seq": n + i, "pad": "…" }</c> through <see cref="IThywillPush.BroadcastAsync"/>,
/// which is what the load client's fan-out scenario measures.
/// </summary>
internal sealed class BroadcastBenchApplication : ThywillApplication
{
    public const string Id = "bench-broadcast";
    public const string EnabledKey = "Thywill:Bench:Enabled";

    private const int MaxCount = 10_000;
    private const int MaxPad = 16 * 1024;

    public override ApplicationDescriptor Descriptor { get; } = new(Id, "Broadcast benchmark")
    {
        Description = "Broadcasts what a client asks to every client (load testing only).",
    };

    public override async Task OnMessageAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        var data = message.Data;
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("seq", out var seqValue) || !seqValue.TryGetInt64(out var seq))
        {
            throw new MessageRejectedException("Expected { \"seq\": n, \"count\": k, \"pad\": p }.");
        }

        var count = data.TryGetProperty("count", out var c) && c.TryGetInt32(out var k) ? Math.Clamp(k, 1, MaxCount) : 1;
        var padLength = data.TryGetProperty("pad", out var p) && p.TryGetInt32(out var n) ? Math.Clamp(n, 0, MaxPad) : 0;
        var pad = new string('x', padLength);
        for (var i = 0; i < count; i++)
        {
            await Push.BroadcastAsync(new BenchPayload(seq + i, pad), cancellationToken);
        }
    }

    private sealed record BenchPayload(long Seq, string Pad);
}
