namespace Thywill.Blazor.Storage.Entities;

/// <summary>An archived channel: its epoch and newest offset survive restarts.</summary>
internal sealed class ArchivedChannel
{
    /// <summary>The application.</summary>
    public required string ApplicationId { get; set; }

    /// <summary>The channel name.</summary>
    public required string Name { get; set; }

    /// <summary>The channel's epoch, fixed when it was first archived.</summary>
    public required string Epoch { get; set; }

    /// <summary>The offset of its newest archived publication.</summary>
    public long LatestOffset { get; set; }

    /// <summary>When it was first archived.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
