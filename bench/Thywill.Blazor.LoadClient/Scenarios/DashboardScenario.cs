using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Thywill.Blazor.LoadClient.Reporting;
using Thywill.Blazor.LoadClient.Running;
using Thywill.Blazor.LoadClient.Servers;

namespace Thywill.Blazor.LoadClient.Scenarios;

/// <summary>
/// What an open operator dashboard costs the server while clients churn (issue 13): idle echo clients
/// are held connected while more connect and leave at a steady rate; the server's CPU is read in
/// phases of equal length with no dashboard, with the client list open in Chromium, and with the
/// overview open. The page counts its own DOM updates, which the render throttle bounds.
/// </summary>
internal static class DashboardScenario
{
    /// <summary>The scenario's settings.</summary>
    /// <param name="Clients">Idle clients held connected.</param>
    /// <param name="ChurnPerSecond">Clients that connect, and as many that leave, each second.</param>
    /// <param name="Phase">How long each phase lasts.</param>
    /// <param name="Chromium">The browser.</param>
    public sealed record Options(int Clients, int ChurnPerSecond, TimeSpan Phase, string Chromium);

    private const string OperatorName = "bench";

    // Counts the animation frames in which the page's DOM changed: one per applied render batch, about.
    private const string CountUpdates =
        """
        () => {
            window.__updates = 0;
            let pending = false;
            new MutationObserver(() => {
                if (!pending) {
                    pending = true;
                    requestAnimationFrame(() => { pending = false; window.__updates++; });
                }
            }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    public static async Task RunAsync(BenchContext context, Options options)
    {
        var password = Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string>
        {
            ["Thywill:Operator:Users:0:Name"] = OperatorName,
            ["Thywill:Operator:Users:0:PasswordHash"] = new PasswordHasher<object>().HashPassword(new object(), password),

            // The server runs from its Release build output in Production: the browser needs blazor.web.js.
            ["Host:StaticWebAssets"] = "true",
        };
        await using var server = await context.StartServerAsync(ServerKind.Thywill, "dashboard", settings);
        using var connection = context.Connect(server.Address);
        var create = BenchContext.Clients(ServerKind.Thywill, connection, "echo", sink: null);

        await using var pool = new ClientPool(create);
        var ramp = await pool.RampAsync(options.Clients, context.Concurrency, context.Deadline);
        Console.WriteLine($"dashboard: {ramp.Connected} clients connected in {ramp.Seconds} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var browserContext = await browser.NewContextAsync();
        var signIn = await browserContext.NewPageAsync();
        await signIn.GotoAsync(new Uri(server.Address, "operator/sign-in").ToString());
        await signIn.FillAsync("#operator-name", OperatorName);
        await signIn.FillAsync("#operator-password", password);
        await signIn.ClickAsync("#operator-sign-in-submit");
        await signIn.WaitForURLAsync("**/operator");
        await signIn.CloseAsync();

        await using var churn = new Churn(create, options.ChurnPerSecond, context.Concurrency, context.Deadline) { BaseCount = ramp.Connected };
        var phases = new List<PhaseResult>();
        // Churn settles (the ramp's tail, the JIT) before anything is measured; the phase without a
        // dashboard comes first and last, so drift shows.
        await Task.Delay(options.Phase, context.Deadline);
        phases.Add(await MeasureAsync("no dashboard", server, churn, page: null, options.Phase, context.Deadline));
        foreach (var (label, path, ready) in new[] { ("client list", "operator/clients", "#operator-clients"), ("overview", "operator", "#operator-nodes") })
        {
            var page = await browserContext.NewPageAsync();
            await page.GotoAsync(new Uri(server.Address, path).ToString());
            await page.WaitForSelectorAsync(ready);
            await page.EvaluateAsync(CountUpdates);
            await Task.Delay(TimeSpan.FromSeconds(2), context.Deadline);
            phases.Add(await MeasureAsync(label, server, churn, page, options.Phase, context.Deadline));
            await page.CloseAsync();
        }

        phases.Add(await MeasureAsync("no dashboard, again", server, churn, page: null, options.Phase, context.Deadline));

        var result = new { options.Clients, options.ChurnPerSecond, phaseSeconds = options.Phase.TotalSeconds, ramp, phases, churnFailures = churn.Failures };
        var baseline = (phases[0].ServerCpuPercent + phases[^1].ServerCpuPercent) / 2;
        var markdown = $"### Dashboard under churn: {ramp.Connected:N0} clients held, {options.ChurnPerSecond} connects and {options.ChurnPerSecond} leaves a second\n\n" + Report.Table(
            ["phase", "server CPU %", "more than without (mean of both)", "connects", "leaves", "clients at end", "page updates/s"],
            phases.Select(p => new[]
            {
                p.Label, Report.N(p.ServerCpuPercent), p.UpdatesPerSecond is null ? "" : Report.N(p.ServerCpuPercent - baseline),
                p.Connects.ToString(CultureInfo.InvariantCulture), p.Leaves.ToString(CultureInfo.InvariantCulture),
                p.ClientsAtEnd.ToString(CultureInfo.InvariantCulture), p.UpdatesPerSecond is { } u ? Report.N(u) : "",
            }).ToArray());
        Report.Write(context.OutputFolder, $"dashboard-{options.Clients}", result, markdown);
    }

    private static async Task<PhaseResult> MeasureAsync(string label, ServerProcess server, Churn churn, IPage? page, TimeSpan length, CancellationToken cancellationToken)
    {
        var (_, cpuBefore) = server.ReadProcess();
        var (connects, leaves) = (churn.Connects, churn.Leaves);
        var updatesBefore = page is null ? 0 : await page.EvaluateAsync<int>("() => window.__updates");
        var clock = Stopwatch.StartNew();
        await Task.Delay(length, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var (_, cpuAfter) = server.ReadProcess();
        var updates = page is null ? (double?)null : (await page.EvaluateAsync<int>("() => window.__updates") - updatesBefore) / seconds;
        var result = new PhaseResult(label, (cpuAfter - cpuBefore) / seconds / Environment.ProcessorCount * 100, churn.Connects - connects, churn.Leaves - leaves, churn.Held + churn.BaseCount, updates);
        Console.WriteLine($"dashboard: {label}: server CPU {result.ServerCpuPercent:F1} %, {result.Connects} connects, page updates/s {updates:F1}");
        return result;
    }

    /// <summary>One phase's measurements.</summary>
    public sealed record PhaseResult(string Label, double ServerCpuPercent, long Connects, long Leaves, int ClientsAtEnd, double? UpdatesPerSecond);

    /// <summary>Clients that connect and leave at a steady rate: each connects, stays a moment, and leaves.</summary>
    private sealed class Churn : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task _loop;
        private readonly Queue<ILoadClient> _held = new();
        private readonly SemaphoreSlim _connecting;
        private long _connects;
        private long _leaves;
        private long _failures;

        public Churn(Func<int, ILoadClient> create, int perSecond, int concurrency, CancellationToken deadline)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            _connecting = new SemaphoreSlim(concurrency);
            _loop = RunAsync(create, perSecond, _stop.Token);
        }

        public long Connects => Interlocked.Read(ref _connects);

        public long Leaves => Interlocked.Read(ref _leaves);

        public long Failures => Interlocked.Read(ref _failures);

        public int BaseCount { get; init; }

        public int Held
        {
            get
            {
                lock (_held)
                {
                    return _held.Count;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            ILoadClient[] held;
            lock (_held)
            {
                held = [.. _held];
                _held.Clear();
            }

            foreach (var client in held)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            _stop.Dispose();
        }

        // Every tick a new client connects and, once as many are held as connect in two seconds, the oldest leaves.
        private async Task RunAsync(Func<int, ILoadClient> create, int perSecond, CancellationToken cancellationToken)
        {
            var index = 1_000_000;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var client = create(index++);
                _ = ConnectAsync(client, cancellationToken);
                ILoadClient? leaving = null;
                lock (_held)
                {
                    if (_held.Count > perSecond * 2)
                    {
                        leaving = _held.Dequeue();
                    }
                }

                if (leaving is not null)
                {
                    Interlocked.Increment(ref _leaves);
                    _ = leaving.DisposeAsync().AsTask();
                }
            }
        }

        private async Task ConnectAsync(ILoadClient client, CancellationToken cancellationToken)
        {
            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connects);
                lock (_held)
                {
                    _held.Enqueue(client);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failures);
                await client.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _connecting.Release();
            }
        }
    }
}
