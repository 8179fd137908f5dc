using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Thywill.Blazor.Clients;
using Thywill.Blazor.E2E.Kit;
using Xunit.Abstractions;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// A hostile page answers the attach call — the browser's half of the bootstrap — with anything
/// (<see cref="AttachCorpus"/>): each load either starts the page as a client of its own (a new one,
/// or its own earlier one when it gave its own token), or fails with a named error; it never becomes
/// another browser's client, nothing of anyone else's changes on the server, and nothing is logged
/// as an error.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AttachFuzzTests(BrowserFixture browser, ITestOutputHelper output) : ThywillBrowserTest(browser)
{
    private const string ApplicationId = "relay";
    private const int RandomCount = 5;
    private const int MaxReported = 25;
    private const int MaxChannelsPerClient = 100;

    // Waits for the bootstrap's end, either way; what never ends within 15 s is a hang.
    private const string OutcomeScript =
        """
        async () => {
            const hang = new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'hang' })), 15000));
            try {
                const config = await Promise.race([thywill.ready(), hang]);
                return { ok: true, clientId: config.clientId, resumed: !!config.resumed, code: null, state: thywill.state };
            } catch (e) {
                return { ok: false, clientId: null, resumed: false, code: e?.code ?? null, state: thywill.state };
            }
        }
        """;

    [Fact]
    public Task HostileAttachAnswers_StartTheirOwnClientOrFailNamed_AndChangeNothingOfOthers() => RunAsync(async newContext =>
    {
        output.WriteLine($"Fuzzing the attach with {FuzzSeed.Describe()}");
        await using var host = await ThywillTestHost.StartAsync<Program>(FuzzHost.Settings);
        var url = host.AppUrl(ApplicationId);

        var victim = await ThywillPage.OpenAsync(await newContext(), url);
        Assert.True((await victim.JoinAsync(FuzzTargets.VictimChannel, new { info = new { name = "victim" } })).GetProperty("ok").GetBoolean());
        Assert.True((await victim.PublishAsync(FuzzTargets.VictimChannel, "hello")).GetProperty("ok").GetBoolean());
        var stolenToken = await TokenOfAsync(victim.Page);

        var attackerContext = await newContext();
        var own = await ThywillPage.OpenAsync(attackerContext, url);
        Assert.True((await own.JoinAsync(FuzzTargets.AttackerRoom)).GetProperty("ok").GetBoolean());
        var ownToken = await TokenOfAsync(own.Page);
        var directory = host.Services.GetRequiredService<IClientDirectory>();
        var victimSession = SessionOf(directory, victim.ClientId);
        var attackerSession = SessionOf(directory, own.ClientId);
        await own.Page.CloseAsync();
        var targets = new FuzzTargets(ApplicationId, own.ClientId, victim.ClientId, victimSession);
        var cases = AttachCorpus.Build(targets, ownToken, stolenToken, FuzzSeed.Current, RandomCount);
        var watched = new Dictionary<string, string[]> { [ApplicationId] = FuzzTargets.Watched };

        // The attacker's own clients may come and go; everything else must hold still.
        var ignore = new HashSet<string>(StringComparer.Ordinal) { attackerSession, own.ClientId };
        var baseline = await ServerState.SettledAsync(host, watched, ignore, s => s.Facts.Any(f => f.StartsWith("row ", StringComparison.Ordinal) && f.Contains("hello", StringComparison.Ordinal)));

        var failures = new List<string>();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var logLength = host.ReadLog().Length;
        foreach (var attachCase in cases)
        {
            var page = await attackerContext.NewPageAsync();
            await page.AddInitScriptAsync(HostileScript(attachCase.Body));
            await page.GotoAsync(url);
            var outcome = await page.EvaluateAsync<JsonElement>(OutcomeScript);
            var ok = outcome.GetProperty("ok").GetBoolean();
            var clientId = outcome.GetProperty("clientId").GetString();
            var code = outcome.GetProperty("code").GetString();
            if (clientId is not null && clientId != victim.ClientId)
            {
                ignore.Add(clientId);
            }

            await page.CloseAsync();
            var state = await ServerState.SettledAsync(host, watched, ignore);
            var log = host.ReadLog();
            var logged = log.Length >= logLength ? log[logLength..] : "";
            logLength = log.Length;

            var problems = new List<string>();
            if (ok && clientId == victim.ClientId)
            {
                problems.Add("became the victim's client");
            }
            else if (ok && outcome.GetProperty("resumed").GetBoolean() && !(attachCase.MayResume && clientId == own.ClientId))
            {
                problems.Add($"resumed client {clientId} without its own token");
            }
            else if (!ok && !(code is not null && InteropFuzzTests.Vocabulary.Contains(code)))
            {
                problems.Add($"failed without a named error (code {code ?? "none"}, state {outcome.GetProperty("state").GetString()})");
            }

            if (FuzzHost.Troubles(logged).ToList() is { Count: > 0 } troubles)
            {
                problems.Add("logged: " + string.Join(" | ", troubles.Take(3).Select(l => l.Length > 300 ? l[..300] + "…" : l)));
            }

            // A tab that resumed its own client rejoins the channels it remembers, as an honest tab
            // does after a restart: archived rooms it names are its own joins, up to its channel cap.
            var changes = baseline.Difference(state).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var ownJoins = attachCase.MayResume ? changes.RemoveAll(IsNewArchivedRoom) : 0;
            if (ownJoins > MaxChannelsPerClient)
            {
                problems.Add($"{ownJoins} channels joined on resume, more than the {MaxChannelsPerClient} a client may be in");
            }

            if (changes.Count > 0)
            {
                problems.Add("changed on the server:\n" + string.Join('\n', changes.Take(20)));
            }

            if (problems.Count > 0)
            {
                failures.Add($"{attachCase}\n    → {outcome.GetRawText()}\n    {string.Join("\n    ", problems)}");
            }

            var answer = ok ? (outcome.GetProperty("resumed").GetBoolean() ? "resumed" : "new client") : code ?? "no code";
            tally[$"{attachCase.Category} → {answer}"] = tally.GetValueOrDefault($"{attachCase.Category} → {answer}") + 1;
            FuzzSeed.Trace($"{attachCase} => {outcome.GetRawText()}");
            baseline = state;
        }

        output.WriteLine($"{cases.Count} cases in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failed");
        output.WriteLine(string.Join('\n', tally.Select(t => $"  {t.Key}: {t.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} attach cases failed ({FuzzSeed.Describe()}):\n"
            + string.Join('\n', failures.Take(MaxReported)));

        // The victim never noticed, and an honest tab of the attacker's browser still works.
        Assert.Equal("ready", await victim.Page.EvaluateAsync<string>("() => thywill.state"));
        var honest = await ThywillPage.OpenAsync(attackerContext, url);
        Assert.True((await honest.JoinAsync(FuzzTargets.AttackerRoom)).GetProperty("ok").GetBoolean());
        Assert.True((await honest.PublishAsync(FuzzTargets.AttackerRoom, "after the fuzz")).GetProperty("ok").GetBoolean());
    });

    private static bool IsNewArchivedRoom(string change) =>
        change.StartsWith("+ row ArchivedChannels ApplicationId=relay Name=room:", StringComparison.Ordinal)
        && !FuzzTargets.Watched.Any(w => change.Contains($"Name={w} ", StringComparison.Ordinal));

    // Lets thywill.js take the interop object as usual, then answers with the case's body instead.
    private static string HostileScript(string body) =>
        $$"""
        window.addEventListener('DOMContentLoaded', () => {
            const attach = thywill._attach;
            thywill._attach = function (ref, appId) {
                attach.call(this, ref, appId);
                return (function () { {{body}} })();
            };
        }, { once: true });
        """;

    private static Task<string> TokenOfAsync(IPage page) =>
        page.EvaluateAsync<string>($"() => sessionStorage.getItem('thywill.resume.{ApplicationId}')");

    private static string SessionOf(IClientDirectory directory, string clientId) =>
        directory.GetConnected(ApplicationId).Single(c => c.Client.ClientId == clientId).Client.SessionId;
}
