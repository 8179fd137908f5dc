using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Operators;

/// <summary>Checks an operator's name and password against the configured hashes.</summary>
internal sealed class OperatorCredentials(IOptionsMonitor<OperatorOptions> options)
{
    private static readonly PasswordHasher<OperatorUser> Hasher = new();

    // Verified when the name is unknown, so that an unknown name takes as long as a wrong password.
    private static readonly string Decoy = Hasher.HashPassword(new OperatorUser(), Guid.NewGuid().ToString());

    /// <summary>Whether any operator is configured: without one the operator surface does not exist.</summary>
    public bool Configured => options.CurrentValue.Users.Any(u => u.Name.Length > 0 && u.PasswordHash.Length > 0);

    /// <summary>The operator's canonical name when the password is right; otherwise <see langword="null"/>.</summary>
    public string? Verify(string? name, string? password)
    {
        var user = options.CurrentValue.Users.FirstOrDefault(u => u.Name.Length > 0 && string.Equals(u.Name, name, StringComparison.Ordinal));
        var result = Hasher.VerifyHashedPassword(user ?? new OperatorUser(), user?.PasswordHash is { Length: > 0 } hash ? hash : Decoy, password ?? "");
        return user is not null && result != PasswordVerificationResult.Failed ? user.Name : null;
    }

    /// <summary>A hash of <paramref name="password"/> for <c>Thywill:Operator:Users:N:PasswordHash</c>.</summary>
    public static string Hash(string password) => Hasher.HashPassword(new OperatorUser(), password);
}
