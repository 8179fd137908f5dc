using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Clients;

/// <summary>Resume tokens protected by a purpose-bound, time-limited Data Protection protector.</summary>
internal sealed class ResumeTokenService(IDataProtectionProvider provider, IOptionsMonitor<ClientOptions> options) : IResumeTokenService
{
    // The version in the purpose string makes old tokens invalid if the payload ever changes shape.
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("Thywill.Blazor.ResumeToken.v1").ToTimeLimitedDataProtector();

    public string Issue(ResumeToken token)
    {
        var json = JsonSerializer.Serialize(new Payload(token.ClientId, token.ApplicationId, token.SessionId));
        return _protector.Protect(json, options.CurrentValue.ResumeTokenLifetime);
    }

    public bool TryRead(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResumeToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return false;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(value));
            if (payload is null || string.IsNullOrEmpty(payload.C) || string.IsNullOrEmpty(payload.A) || string.IsNullOrEmpty(payload.S))
            {
                return false;
            }

            token = new ResumeToken(payload.C, payload.A, payload.S);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return false;
        }
    }

    private sealed record Payload(string C, string A, string S);
}
