using Microsoft.Playwright;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// A tab that calls the interop object thywill.js was given — the way a hostile page would, with
/// any method name and any arguments, bypassing every check thywill.js makes.
/// </summary>
internal sealed class FuzzTab
{
    // Longer than any refusal takes; what is not answered by then counts as a hang.
    private const int AnswerTimeoutMs = 10_000;

    // Runs before thywill.js starts Blazor (an earlier DOMContentLoaded listener): the attach call
    // hands the interop object to thywill.js, and to this page script with it.
    private const string CaptureScript =
        """
        window.addEventListener('DOMContentLoaded', () => {
            const attach = thywill._attach;
            thywill._attach = function (ref, appId) { window.__fuzzRef = ref; return attach.call(this, ref, appId); };
            window.__fuzzStates = [];
            thywill.on('state', s => window.__fuzzStates.push(s));
        }, { once: true });
        """;

    private const string InvokeScript =
        """
        async ([method, args, timeoutMs]) => {
            const call = window.__fuzzRef.invokeMethodAsync(method, ...JSON.parse(args)).then(
                (r) => ({ kind: 'answer', ok: !!(r && r.ok), code: r?.code ?? null, message: r?.message ?? null }),
                (e) => ({ kind: 'rejected', ok: false, code: null, message: String(e?.message ?? e) }));
            const timer = new Promise((resolve) => setTimeout(() => resolve({ kind: 'hang', ok: false, code: null, message: null }), timeoutMs));
            const outcome = await Promise.race([call, timer]);
            return { ...outcome, state: thywill.state };
        }
        """;

    private FuzzTab(ThywillPage page) => Page = page;

    public ThywillPage Page { get; }

    public static async Task<FuzzTab> OpenAsync(IBrowserContext context, string url)
    {
        await context.AddInitScriptAsync(CaptureScript);
        return new FuzzTab(await ThywillPage.OpenAsync(context, url));
    }

    public Task<FuzzOutcome> InvokeAsync(FuzzCase fuzzCase) =>
        Page.Page.EvaluateAsync<FuzzOutcome>(InvokeScript, new object[] { fuzzCase.Method, fuzzCase.Arguments, AnswerTimeoutMs });

    /// <summary>Every state the tab went through since it opened (a healthy tab: only <c>ready</c>).</summary>
    public Task<string[]> StatesAsync() => Page.Page.EvaluateAsync<string[]>("() => window.__fuzzStates");
}
