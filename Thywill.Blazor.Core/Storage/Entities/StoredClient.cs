namespace Thywill.Blazor.Storage.Entities;

/// <summary>A client (one application instance in one tab) as persisted.</summary>
internal sealed class StoredClient
{
    /// <summary>The client id.</summary>
    public required string Id { get; set; }

    /// <summary>Its application.</summary>
    public required string ApplicationId { get; set; }

    /// <summary>Its session.</summary>
    public required string SessionId { get; set; }

    /// <summary>The authenticated user, if any.</summary>
    public string? UserId { get; set; }

    /// <summary>When the client was first seen.</summary>
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>When the client last connected.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>How many times it has connected (first bootstrap, reloads, new circuits).</summary>
    public int ConnectCount { get; set; }
}
