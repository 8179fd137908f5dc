namespace Thywill.Blazor.Hosting;

/// <summary>Options of the client interface (identity and bootstrap).</summary>
internal sealed class ClientOptions
{
    /// <summary>The configuration section these options are bound from, below <c>Thywill</c>.</summary>
    public const string Section = "Clients";

    /// <summary>How long a resume token stays valid after it was last refreshed.</summary>
    /// <value>Defaults to 24 hours.</value>
    public TimeSpan ResumeTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the browser waits for the bootstrap to complete before failing it.</summary>
    /// <value>Defaults to 20 seconds.</value>
    public TimeSpan BootstrapTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The name of the HttpOnly cookie that carries the signed session id; outside Development it is
    /// sent as <c>__Host-</c> followed by this name, always <c>Secure</c>.
    /// </summary>
    /// <value>Defaults to <c>thywill.sid</c>.</value>
    public string SessionCookieName { get; set; } = "thywill.sid";

    /// <summary>
    /// How long the server keeps what it holds for a client that is gone — its channel memberships
    /// and its presence info — counted from when it was last connected. A tab that comes back later
    /// joins the channels it remembers again (from its positions, while history has them).
    /// </summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan AwayRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the session cookie lives; its signed payload expires then too, whatever the browser keeps.</summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);
}
