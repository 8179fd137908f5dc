namespace Thywill.Blazor.Storage.Entities;

/// <summary>A publication of an archived channel.</summary>
internal sealed class ArchivedPublication
{
    /// <summary>The application.</summary>
    public required string ApplicationId { get; set; }

    /// <summary>The channel name.</summary>
    public required string Channel { get; set; }

    /// <summary>Its offset in the channel.</summary>
    public long Offset { get; set; }

    /// <summary>Its message id.</summary>
    public required string MessageId { get; set; }

    /// <summary>The sending client, or <see langword="null"/> for the server.</summary>
    public string? From { get; set; }

    /// <summary>The payload as JSON text.</summary>
    public required string Data { get; set; }

    /// <summary>Excluded clients as a JSON array, or <see langword="null"/>.</summary>
    public string? Exclude { get; set; }

    /// <summary>When it was published.</summary>
    public DateTimeOffset Timestamp { get; set; }
}
