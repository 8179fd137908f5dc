namespace Thywill.Blazor.Host.Operators;

/// <summary>
/// <c>Thywill:Operator</c>: who may sign in to the operator surface (<c>/operator</c>). With no user
/// configured the surface does not exist: every <c>/operator</c> path answers 404.
/// </summary>
internal sealed class OperatorOptions
{
    public const string Section = "Thywill:Operator";

    /// <summary>The operators: a name and a password hash made with <c>hash-password</c> (see docs/security.md).</summary>
    public List<OperatorUser> Users { get; set; } = [];

    /// <summary>How long a sign-in lasts without use.</summary>
    /// <value>Defaults to 8 hours.</value>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts (right or wrong) one address may make per minute; more get 429 until the minute is over.</summary>
    /// <value>Defaults to 5; 1 to 1,000.</value>
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>Retired with <c>/operator/metrics</c>: read only to refuse a configuration that still sets it.</summary>
    public List<string> MetricsNetworks { get; set; } = [];

    /// <summary>Retired with <c>/operator/metrics</c>: read only to refuse a configuration that still sets it.</summary>
    public bool Enabled { get; set; }
}

/// <summary>One operator.</summary>
internal sealed class OperatorUser
{
    public string Name { get; set; } = "";

    /// <summary>ASP.NET Core Identity's password hash format (PBKDF2); never the password itself.</summary>
    public string PasswordHash { get; set; } = "";
}
