namespace Thywill.Blazor.Applications;

/// <summary>Who a client is, as established by the server.</summary>
/// <param name="ApplicationId">The application the client runs.</param>
/// <param name="ClientId">One application instance in one browser tab; survives reloads and reconnects.</param>
/// <param name="SessionId">The browser (all of a person's tabs).</param>
/// <param name="UserId">The authenticated user, when the host uses authentication.</param>
public sealed record ClientInfo(string ApplicationId, string ClientId, string SessionId, string? UserId);
