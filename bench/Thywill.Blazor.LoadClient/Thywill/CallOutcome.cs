namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>The server's answer to an RPC call: the function's result, or a named error.</summary>
/// <param name="Ok">Whether the call succeeded.</param>
/// <param name="ResultJson">The result as JSON (<c>null</c> for a void function), when it succeeded.</param>
/// <param name="Code">The reason it failed: <c>not-found</c>, <c>no-permission</c>, <c>invalid-argument</c>, <c>timeout</c>, <c>rate-limited</c>, <c>failed</c>, …</param>
/// <param name="Message">A readable reason.</param>
public sealed record CallOutcome(bool Ok, string? ResultJson, string? Code, string? Message);
