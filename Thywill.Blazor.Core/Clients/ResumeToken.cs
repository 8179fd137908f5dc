namespace Thywill.Blazor.Clients;

/// <summary>What a valid resume token proves: this browser tab was given this client id.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ApplicationId">The application it was issued for.</param>
/// <param name="SessionId">The session it was issued to.</param>
internal sealed record ResumeToken(string ClientId, string ApplicationId, string SessionId);
