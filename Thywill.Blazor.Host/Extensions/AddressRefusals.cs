using System.Collections.Concurrent;
using System.Net;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>
/// Answers a request refused by a per-address limit — 429 with a short plain body that names the
/// limit — and logs refusals sampled per address and limit: the first at once, then at most one line
/// per <see cref="Window"/> with the number refused since, so a flood cannot flood the log.
/// </summary>
internal sealed partial class AddressRefusals(ILogger<AddressRefusals> logger, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    // Past this many addresses tracked, those not refused within the window are forgotten.
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<(IPAddress Address, string Limit), Sample> _samples = new();

    /// <summary>Counts the refusal of <paramref name="context"/>'s address by <paramref name="limit"/>; the answer's body.</summary>
    public string Refuse(HttpContext context, AddressLimit limit)
    {
        var address = AddressLimits.PartitionOf(context.Connection.RemoteIpAddress);
        var now = time.GetTimestamp();
        var sample = _samples.GetOrAdd((address, limit.Key), static _ => new Sample());
        int? report = null;
        lock (sample)
        {
            sample.Refused++;
            if (sample.LastLogged is not { } last || time.GetElapsedTime(last, now) >= Window)
            {
                report = sample.Refused;
                sample.Refused = 0;
                sample.LastLogged = now;
            }
        }

        if (report is { } refused)
        {
            Log.Refused(logger, address, limit.Key, refused);
        }

        if (_samples.Count > MaxTracked)
        {
            Forget(now);
        }

        return limit.Refusal;
    }

    /// <summary>Refuses <paramref name="context"/> and writes the answer.</summary>
    public Task WriteAsync(HttpContext context, AddressLimit limit, CancellationToken cancellationToken)
    {
        var body = Refuse(context, limit);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, cancellationToken);
    }

    private void Forget(long now)
    {
        foreach (var (key, sample) in _samples)
        {
            lock (sample)
            {
                if (sample.LastLogged is { } last && time.GetElapsedTime(last, now) >= Window)
                {
                    _samples.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Sample
    {
        public int Refused;
        public long? LastLogged;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused {Refused} request(s) from {Address} over {Limit} (one line per address per 10 s)")]
        public static partial void Refused(ILogger logger, IPAddress address, string limit, int refused);
    }
}

/// <summary>A per-address limit: its configuration key and what a refused client is told.</summary>
/// <param name="Key">The configuration key, e.g. <c>Host:PerAddress:MaxConnections</c>.</param>
/// <param name="Refusal">The plain-text body of the 429.</param>
internal sealed record AddressLimit(string Key, string Refusal);
