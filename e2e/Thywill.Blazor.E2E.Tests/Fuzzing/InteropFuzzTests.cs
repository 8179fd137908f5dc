using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Clients;
using Thywill.Blazor.E2E.Kit;
using Xunit.Abstractions;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// A hostile tab calls every JS-invokable method with hostile and random arguments through its real
/// circuit. Each call is answered with a named error (or, where the operation changes nothing, with
/// success), no call changes anything on the server, no exception reaches the log, and the tab's
/// circuit stays up and works normally afterwards.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class InteropFuzzTests(BrowserFixture browser, ITestOutputHelper output) : ThywillBrowserTest(browser)
{
    private const int RandomPerMethod = 40;
    private const int MaxReported = 25;

    internal static readonly IReadOnlySet<string> Vocabulary = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("relay")]
    [InlineData("calculations")]
    public Task EveryMethod_HostileArguments_NamedErrorNoChangeCircuitHealthy(string applicationId) => RunAsync(async newContext =>
    {
        output.WriteLine($"Fuzzing {applicationId} with {FuzzSeed.Describe()}");
        var application = FuzzApplication.Named(applicationId);
        await using var host = await ThywillTestHost.StartAsync<Program>(FuzzHost.Settings);
        var url = host.AppUrl(applicationId);
        var hasRooms = application.HasRooms;

        var victim = await ThywillPage.OpenAsync(await newContext(), url);
        if (hasRooms)
        {
            Assert.True((await victim.JoinAsync(FuzzTargets.VictimChannel, new { info = new { name = "victim" } })).GetProperty("ok").GetBoolean());
            Assert.True((await victim.PublishAsync(FuzzTargets.VictimChannel, "hello")).GetProperty("ok").GetBoolean());
        }

        var attacker = await FuzzTab.OpenAsync(await newContext(), url);
        if (hasRooms)
        {
            // The victim is a member of the attacker's room too: it receives what is accepted there.
            Assert.True((await victim.JoinAsync(FuzzTargets.AttackerRoom)).GetProperty("ok").GetBoolean());
            Assert.True((await attacker.Page.JoinAsync(FuzzTargets.AttackerRoom)).GetProperty("ok").GetBoolean());
            Assert.True((await attacker.Page.JoinAsync(FuzzTargets.ReadOnlyChannel)).GetProperty("ok").GetBoolean());
        }

        var directory = host.Services.GetRequiredService<IClientDirectory>();
        var victimSession = directory.GetConnected(applicationId).Single(c => c.Client.ClientId == victim.ClientId).Client.SessionId;
        var targets = new FuzzTargets(applicationId, attacker.Page.ClientId, victim.ClientId, victimSession);
        var cases = InteropCorpus.Build(application, targets, FuzzHost.MaxMessageBytes, FuzzSeed.Current, RandomPerMethod);
        var watched = new Dictionary<string, string[]> { [applicationId] = hasRooms ? FuzzTargets.Watched : [] };

        // The archive writes in the background: the victim's publication must be in the database
        // before the baseline, or it would arrive as a "change".
        var baseline = await ServerState.SettledAsync(host, watched, ready: s => !hasRooms || s.Facts.Any(f => f.StartsWith("row ", StringComparison.Ordinal) && f.Contains("hello", StringComparison.Ordinal)));
        var victimReceived = await ReceivedCountAsync(victim);
        var accepted = 0;

        var failures = new List<string>();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var logLength = host.ReadLog().Length;
        foreach (var fuzzCase in cases)
        {
            var outcome = await attacker.InvokeAsync(fuzzCase);
            var log = host.ReadLog();
            var logged = log.Length >= logLength ? log[logLength..] : "";
            logLength = log.Length;
            ServerState state;
            var changed = "";
            if (fuzzCase.Expect == Expect.Accepted && outcome.Ok)
            {
                // A publication: the archive and the other members' outboxes take a moment.
                accepted++;
                state = await ServerState.SettledAsync(host, watched);
            }
            else
            {
                state = await ServerState.ReadAsync(host, watched);
                changed = baseline.Difference(state);
            }

            if (Check(fuzzCase, outcome, logged, changed) is { } failure)
            {
                failures.Add($"{fuzzCase}\n    → {outcome}\n    {failure.Replace("\n", "\n    ", StringComparison.Ordinal)}");
            }

            var answer = outcome.Ok ? "ok" : outcome.Code ?? outcome.Kind;
            FuzzSeed.Trace($"{fuzzCase} => {outcome}");
            tally[$"{fuzzCase.Category} → {answer}"] = tally.GetValueOrDefault($"{fuzzCase.Category} → {answer}") + 1;

            // Go on from a changed state, so that one change is reported once.
            baseline = state;
        }

        output.WriteLine($"{cases.Count} cases in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failed");
        output.WriteLine(string.Join('\n', tally.Select(t => $"  {t.Key}: {t.Value}")));
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} fuzz cases failed ({FuzzSeed.Describe()}):\n"
            + string.Join('\n', failures.Take(MaxReported)));

        // The circuit stayed up all along, and the tab still works.
        Assert.Equal(["ready"], await attacker.StatesAsync());
        Assert.Equal("ready", await victim.Page.EvaluateAsync<string>("() => thywill.state"));

        // The victim got exactly the publications that were accepted, whatever they held (counted in
        // the page: Playwright's own JSON reader stops at 64 levels, and a publication may nest 63).
        if (accepted > 0)
        {
            await victim.Page.WaitForFunctionAsync(
                "([channel, offset]) => window.__received.some(m => m.channel === channel && m.offset === offset)",
                new object[] { FuzzTargets.AttackerRoom, accepted });
        }

        Assert.Equal(victimReceived + accepted, await ReceivedCountAsync(victim));
        Assert.True((await attacker.Page.SendAsync("still here")).Ok == !application.SendsRefused);
        if (hasRooms)
        {
            Assert.True((await attacker.Page.PublishAsync(FuzzTargets.AttackerRoom, "still here")).GetProperty("ok").GetBoolean());
            Assert.True((await attacker.Page.JoinAsync("room:after")).GetProperty("ok").GetBoolean());
        }
        else
        {
            Assert.Equal(3, await attacker.Page.Page.EvaluateAsync<double>("() => thywill.call('add', 1, 2)"));
        }
    });

    private static Task<int> ReceivedCountAsync(ThywillPage page) => page.Page.EvaluateAsync<int>("() => window.__received.length");

    // Null when the case passed; otherwise what was wrong with it.
    private static string? Check(FuzzCase fuzzCase, FuzzOutcome outcome, string logged, string changed)
    {
        var problems = new List<string>();
        if (outcome.State != "ready")
        {
            problems.Add($"the tab is {outcome.State}");
        }

        var named = outcome is { Kind: "answer", Ok: false } && outcome.Code is { } code && Vocabulary.Contains(code)
            && (fuzzCase.Codes is null || fuzzCase.Codes.Contains(code));
        // What Blazor's dispatcher cannot read (nested past its depth, or a top-level property name
        // that is not UTF-16, which it reads looking for its own markers) never reaches the framework.
        var unreadable = outcome.Kind == "rejected" && logged.Contains("DotNetDispatcher.ParseArguments", StringComparison.Ordinal)
            && (logged.Contains("maximum configured depth", StringComparison.Ordinal) || logged.Contains("UTF-16", StringComparison.Ordinal));
        var answered = unreadable || fuzzCase.Expect switch
        {
            Expect.Refusal => named,
            Expect.Answer or Expect.Accepted => named || outcome is { Kind: "answer", Ok: true },
            _ => named || outcome.Kind == "rejected",
        };
        if (!answered)
        {
            problems.Add(fuzzCase.Codes is null ? "not a named error" : $"not one of {string.Join(", ", fuzzCase.Codes)}");
        }

        // Blazor's dispatcher logs what it turned away; the function 'failed' is logged as an error by design.
        var allowed = unreadable || (fuzzCase.Expect == Expect.DispatcherRefusal && outcome.Kind == "rejected");
        var troubles = FuzzHost.Troubles(logged)
            .Where(l => !(allowed && l.Contains(FuzzHost.JsRuntimeCategory, StringComparison.Ordinal)))
            .Where(l => !(outcome.Code == ErrorCodes.Failed && fuzzCase.Method == "Call"))
            .ToList();
        if (troubles.Count > 0)
        {
            problems.Add("logged: " + string.Join(" | ", troubles.Take(3).Select(l => l.Length > 300 ? l[..300] + "…" : l)));
        }

        if (changed.Length > 0)
        {
            problems.Add("changed on the server:\n" + changed);
        }

        return problems.Count == 0 ? null : string.Join("\n", problems);
    }
}
