namespace Thywill.Blazor.Storage.Entities;

/// <summary>A browser session as persisted.</summary>
internal sealed class StoredSession
{
    /// <summary>The session id.</summary>
    public required string Id { get; set; }

    /// <summary>When the session was first seen.</summary>
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>When the session was last seen.</summary>
    public DateTimeOffset LastSeen { get; set; }
}
