// Echo round trip as a JavaScript author sees it: thywill.send(data) in real Chromium until the
// echo's 'message' event fires, one message at a time, against a running host.
//
//   dotnet run -c Release --project bench/Thywill.Blazor.Bench.BrowserEcho -- http://127.0.0.1:5080 [count] [app]
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5080";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var app = args.Length > 2 ? args[2] : "echo";
var chromium = Environment.GetEnvironmentVariable("THYWILL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await browser.NewPageAsync();
await page.GotoAsync($"{baseUrl}/thywill/init/{app}");

var samples = await page.EvaluateAsync<double[]>(
    """
    async (count) => {
        await thywill.ready();
        const waiters = new Map();
        thywill.on('message', m => { const w = waiters.get(m.data); if (w) { waiters.delete(m.data); w(); } });
        const roundTrip = async (i) => {
            const key = 'rtt-' + i;
            const arrived = new Promise(resolve => waiters.set(key, resolve));
            const start = performance.now();
            await thywill.send(key);
            await arrived;
            return performance.now() - start;
        };
        for (let i = 0; i < 100; i++) await roundTrip('warm' + i);
        const samples = [];
        for (let i = 0; i < count; i++) samples.push(await roundTrip(i));
        return samples;
    }
    """,
    count);

Array.Sort(samples);
double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p / 100 * samples.Length) - 1)];
var result = new
{
    app,
    messages = samples.Length,
    p50Ms = Math.Round(Percentile(50), 3),
    p95Ms = Math.Round(Percentile(95), 3),
    p99Ms = Math.Round(Percentile(99), 3),
    maxMs = Math.Round(samples[^1], 3),
    meanMs = Math.Round(samples.Average(), 3),
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
