using System.Text.Json;
using Thywill.Blazor.E2E.Kit;

namespace Thywill.Blazor.E2E.Channels;

/// <summary>
/// A member that floods a room is held to its budget: its publishes beyond it are refused at once,
/// and the other members neither lose their connection nor see more than was accepted.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FloodTests(BrowserFixture browser) : ThywillBrowserTest(browser)
{
    private const int Flood = 20_000;

    [Fact]
    public Task FloodingMember_IsRateLimited_AndTheOtherMembersStayConnected() => RunAsync(async newContext =>
    {
        await using var host = await ThywillTestHost.StartAsync<Program>(RelayHostFixture.Settings);
        var flooder = await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay"));
        var members = new[]
        {
            await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay")),
            await ThywillPage.OpenAsync(await newContext(), host.AppUrl("relay")),
        };
        foreach (var member in members)
        {
            await member.Page.EvaluateAsync("() => { window.__states = []; thywill.on('state', s => window.__states.push(s)); }");
            Assert.True((await member.JoinAsync("room:flood")).GetProperty("ok").GetBoolean());
        }

        Assert.True((await flooder.JoinAsync("room:flood")).GetProperty("ok").GetBoolean());

        // Everything at once, as a hostile tab would: every promise is answered, most with rate-limited.
        // Without budgets the server is still working through them minutes later.
        var outcomes = await flooder.Page.EvaluateAsync<Dictionary<string, int>>(
            """
            async (flood) => {
                const all = [];
                for (let i = 0; i < flood; i++) {
                    all.push(thywill.publish('room:flood', i).then(() => 'ok', (e) => e.code));
                }
                const counts = {};
                for (const outcome of await Promise.all(all)) { counts[outcome] = (counts[outcome] || 0) + 1; }
                return counts;
            }
            """,
            Flood).WaitAsync(TimeSpan.FromSeconds(60));

        var accepted = outcomes.GetValueOrDefault("ok");
        Assert.Equal(Flood, accepted + outcomes.GetValueOrDefault("rate-limited"));
        Assert.InRange(accepted, 40, Flood / 10);

        foreach (var member in members)
        {
            // Exactly what was accepted, in order, and the connection never dropped.
            await member.WaitForMessageAsync($"m => m.channel === 'room:flood' && m.offset === {accepted}", timeoutMs: 30_000);
            Assert.Equal(Enumerable.Range(1, accepted).Select(i => (long)i), (await member.ReceivedInAsync("room:flood")).Select(m => m.Offset));
            Assert.Empty(await member.Page.EvaluateAsync<string[]>("() => window.__states.filter(s => s !== 'ready')"));
            Assert.Equal("ready", await member.Page.EvaluateAsync<string>("() => thywill.state"));
        }

        // The refusals were told to the log in a few lines, not one line each.
        var lines = host.ReadLog().Split('\n').Count(l => l.Contains("over its rate limit (publish)", StringComparison.Ordinal));
        Assert.InRange(lines, 1, 10);
    });
}
