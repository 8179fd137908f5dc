namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>One hostile call of a JS-invokable method: its arguments are JSON text, parsed by the page and spread.</summary>
/// <param name="Category">What kind of hostility (wrong-type, deep, unicode, …).</param>
/// <param name="Method">The <c>[JSInvokable]</c> name.</param>
/// <param name="Arguments">A JSON array of the arguments.</param>
/// <param name="Expect">What the answer may be.</param>
/// <param name="Codes">The codes a refusal may have; <see langword="null"/> for any of <c>ErrorCodes</c>.</param>
internal sealed record FuzzCase(string Category, string Method, string Arguments, Expect Expect, IReadOnlyList<string>? Codes = null)
{
    /// <summary>How deeply Blazor's dispatcher reads a call's arguments (the array of them is the first level).</summary>
    public const int DispatcherMaxDepth = 64;

    /// <summary>
    /// A case; one nested deeper than Blazor's dispatcher reads never reaches the framework, so it may
    /// only be turned away by the dispatcher.
    /// </summary>
    public static FuzzCase Of(string category, string method, string arguments, Expect expect, IReadOnlyList<string>? codes = null) =>
        new(category, method, arguments, JsonText.Depth(arguments) > DispatcherMaxDepth ? Expect.DispatcherRefusal : expect, codes);

    /// <summary>The case as a failure message shows it: enough to see the input, short enough to read.</summary>
    public override string ToString() =>
        $"{Category} {(Method.Length > 40 ? Method[..40] + "…" : Method)}({(Arguments.Length > 300 ? Arguments[..300] + $"… ({Arguments.Length} chars)" : Arguments)})";
}
