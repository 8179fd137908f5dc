using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Thywill.Blazor.LoadClient.Circuits;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// Echo round trips (send until the echo is delivered) on the Thywill host while idle clients are
/// connected: one at a time, then open-loop at a fixed rate (latency counted from when each send was
/// due, so a stall is not hidden).
/// </summary>
internal static class EchoScenario
{
    private const int Senders = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchContext context, int idleClients, int messages, int rate, TimeSpan rateDuration)
    {
        await using var server = await context.StartServerAsync(ServerKind.Thywill, "echo");
        using var settings = context.Connect(server.Address);
        await using var idle = new ClientPool(BenchContext.Clients(ServerKind.Thywill, settings, "echo", sink: null));
        var ramp = await idle.RampAsync(idleClients, context.Concurrency, context.Deadline);

        var sink = new EchoSink();
        await using var senders = new ClientPool(BenchContext.Clients(ServerKind.Thywill, settings, "echo", sink));
        var sendersRamp = await senders.RampAsync(Senders, Senders, context.Deadline);
        if (sendersRamp.Connected < Senders)
        {
            throw new InvalidOperationException("The echo senders did not connect: " + string.Join("; ", sendersRamp.FirstFailures));
        }

        // Sequential: one client, one message in flight.
        var sender = senders.Clients[0];
        for (var i = 0; i < 100; i++)
        {
            await RoundTripAsync(sender, sink, $"warm-{i}", Stopwatch.GetTimestamp(), context.Deadline);
        }

        var sequential = new List<double>(messages);
        var acknowledgements = new List<double>(messages);
        var sequentialFailures = 0;
        for (var i = 0; i < messages; i++)
        {
            var rtt = await RoundTripAsync(sender, sink, $"seq-{i}", Stopwatch.GetTimestamp(), context.Deadline, acknowledgements);
            if (rtt is { } ms)
            {
                sequential.Add(ms);
            }
            else
            {
                sequentialFailures++;
            }
        }

        // Fixed rate, open loop, spread over the senders.
        var total = (int)(rate * rateDuration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task<double?>>(total);
        var lateness = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.Deadline);
            }

            // How late the load client itself was in sending: on a busy machine it is part of the tail.
            lateness.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);

            inFlight.Add(RoundTripAsync(senders.Clients[i % Senders], sink, $"rate-{i}", due, context.Deadline));
        }

        var rated = await Task.WhenAll(inFlight);
        var fixedRate = rated.Where(r => r is not null).Select(r => r!.Value).ToList();

        var rows = new[] { Summarise("sequential", sequential, sequentialFailures), Summarise("sequential, send until acknowledged", acknowledgements, messages - acknowledgements.Count), Summarise($"{rate}/s for {rateDuration.TotalSeconds:0} s", fixedRate, rated.Length - fixedRate.Count) };
        lateness.Sort();
        var result = new { idleClients, idleRamp = ramp, connectedDuringRun = idle.Connected, messages, rate, rows, sendLatenessP50Ms = Stats.Percentile(lateness, 50), sendLatenessP99Ms = Stats.Percentile(lateness, 99) };
        var markdown = $"### Echo round trip with {idle.Connected:N0} idle clients connected\n\n" + Report.Table(
            ["mode", "messages", "lost", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"],
            rows.Select(r => (IReadOnlyList<string>)[r.Mode, r.Count.ToString(CultureInfo.InvariantCulture), r.Lost.ToString(CultureInfo.InvariantCulture), Report.N(r.P50, 3), Report.N(r.P95, 3), Report.N(r.P99, 3), Report.N(r.Max, 3), Report.N(r.Mean, 3)]));
        markdown += $"\nFixed rate: latency counts from when each send was due; the load client itself sent late by p50 {Report.N(result.sendLatenessP50Ms, 3)} ms, p99 {Report.N(result.sendLatenessP99Ms, 3)} ms.\n";
        Report.Write(context.OutputFolder, $"echo-{idleClients}", result, markdown);
    }

    // Milliseconds from 'from' until the echo is delivered; null when it never comes. The server's
    // acknowledgement of the send is a separate answer; its latency is kept when asked for.
    private static async Task<double?> RoundTripAsync(ILoadClient client, EchoSink sink, string key, long from, CancellationToken cancellationToken, List<double>? acknowledgements = null)
    {
        var arrival = sink.Expect(key);
        try
        {
            var outcome = await client.SendAsync(JsonSerializer.Serialize(key), cancellationToken).ConfigureAwait(false);
            acknowledgements?.Add(Stopwatch.GetElapsedTime(from).TotalMilliseconds);
            if (!outcome.Ok)
            {
                return null;
            }

            var at = await arrival.WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(from, at).TotalMilliseconds;
        }
        catch (Exception ex) when (ex is TimeoutException or CircuitFailedException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            sink.Forget(key);
        }
    }

    private static EchoRow Summarise(string mode, List<double> samples, int lost)
    {
        var summary = Stats.Summarise(samples);
        return new EchoRow(mode, summary.Count, lost, summary.P50, summary.P95, summary.P99, summary.Max, summary.Mean);
    }

    private sealed record EchoRow(string Mode, int Count, int Lost, double P50, double P95, double P99, double Max, double Mean);
}
