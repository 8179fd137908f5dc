namespace Thywill.Blazor.Hosting.Health;

/// <summary>The names and the tag of Thywill's health checks (registered by <c>AddThywill</c>).</summary>
public static class ThywillHealth
{
    /// <summary>The tag of the checks that decide readiness (<c>/health/ready</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The database answers.</summary>
    public const string Database = "thywill-database";

    /// <summary>The node is not draining.</summary>
    public const string Drain = "thywill-drain";

    /// <summary>The engine answers (Redis on the Redis engine).</summary>
    public const string Engine = "thywill-engine";
}
