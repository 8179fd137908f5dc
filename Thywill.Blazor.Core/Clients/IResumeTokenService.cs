namespace Thywill.Blazor.Clients;

/// <summary>
/// Issues and checks the server-signed tokens that let a browser tab resume its client id after a
/// reload, a dropped circuit or a move to another node. Signed and time-limited with ASP.NET Core
/// Data Protection, so nodes that share keys accept each other's tokens.
/// </summary>
internal interface IResumeTokenService
{
    /// <summary>Signs a token.</summary>
    /// <param name="token">What the token proves.</param>
    /// <returns>The opaque token string for the browser.</returns>
    string Issue(ResumeToken token);

    /// <summary>Checks a token from a browser.</summary>
    /// <param name="value">The opaque string.</param>
    /// <param name="token">What it proves, when valid.</param>
    /// <returns><see langword="false"/> for a forged, altered, expired or malformed token.</returns>
    bool TryRead(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResumeToken? token);
}
