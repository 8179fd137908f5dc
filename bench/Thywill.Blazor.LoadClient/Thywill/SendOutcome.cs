namespace Thywill.Blazor.LoadClient.Thywill;

/// <summary>The server's answer to a client's send: accepted with an id, or refused with a named reason.</summary>
/// <param name="Ok">Whether the application accepted it.</param>
/// <param name="Id">The message id the server assigned, when accepted.</param>
/// <param name="Code">The reason it was refused (<c>rate-limited</c>, <c>too-large</c>, …).</param>
/// <param name="Message">A readable reason.</param>
public sealed record SendOutcome(bool Ok, string? Id, string? Code, string? Message);
