using System.Text.Json.Serialization;

namespace Thywill.Blazor.Clients;

/// <summary>
/// The server's answer to a client's request (send, join, leave, publish): accepted, or refused
/// with a named reason. Fields that do not apply to a request are left out of its JSON.
/// </summary>
public sealed record SendResult
{
    /// <summary>Whether the application accepted the message.</summary>
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    /// <summary>The id the server gave the message, when accepted.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>
    /// Why it was refused: <c>too-large</c>, <c>not-ready</c>, <c>disconnected</c>,
    /// <c>rate-limited</c>, <c>invalid</c> or <c>rejected</c>.
    /// </summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>A reason safe to show.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The channel, for channel operations.</summary>
    [JsonPropertyName("channel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }

    /// <summary>The channel's epoch after the operation.</summary>
    [JsonPropertyName("epoch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Epoch { get; init; }

    /// <summary>The channel's offset after the operation (a publication's own offset for publish).</summary>
    [JsonPropertyName("offset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Offset { get; init; }

    /// <summary>The channel's presence, after a join where presence is on.</summary>
    [JsonPropertyName("presence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PresenceView>? Presence { get; init; }

    /// <summary>An acceptance.</summary>
    /// <param name="id">The message id.</param>
    public static SendResult Accepted(string id) => new() { Ok = true, Id = id };

    /// <summary>A refusal.</summary>
    /// <param name="code">The named reason.</param>
    /// <param name="message">The text reason.</param>
    public static SendResult Refused(string code, string message) => new() { Ok = false, Code = code, Message = message };
}
