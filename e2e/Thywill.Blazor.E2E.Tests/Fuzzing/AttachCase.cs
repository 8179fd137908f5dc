namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>One hostile answer to the attach call (<c>thywill._attach</c>), the browser's half of the bootstrap.</summary>
/// <param name="Category">What kind of hostility.</param>
/// <param name="Body">The body of the page's <c>_attach(ref, appId)</c> function: what it returns (or throws).</param>
/// <param name="MayResume">Whether the answer carries the attacker's own valid token, so that resuming its client is right.</param>
internal sealed record AttachCase(string Category, string Body, bool MayResume = false)
{
    /// <summary>An answer given as JSON text (any shape), parsed by the page.</summary>
    public static AttachCase Json(string category, string json, bool mayResume = false) =>
        new(category, $"return JSON.parse({JsonText.Of(json)});", mayResume);

    public override string ToString() => $"{Category} {(Body.Length > 300 ? Body[..300] + $"… ({Body.Length} chars)" : Body)}";
}
