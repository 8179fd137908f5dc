using System.Text.Json.Serialization;

namespace Thywill.Blazor.Bootstrap;

/// <summary>
/// The per-client configuration sent to the browser when the bootstrap completes: <c>thywill.config</c>.
/// Keeps the seed's keys (<c>uuid</c>, <c>bootstrap_resources</c>, …) beside the modern ones.
/// </summary>
public sealed record ClientConfiguration
{
    /// <summary>The seed's name for the client id.</summary>
    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    /// <summary>The client id.</summary>
    [JsonPropertyName("clientId")]
    public required string ClientId { get; init; }

    /// <summary>The application id.</summary>
    [JsonPropertyName("applicationId")]
    public required string ApplicationId { get; init; }

    /// <summary>Whether this bootstrap resumed an earlier identity.</summary>
    [JsonPropertyName("resumed")]
    public bool Resumed { get; init; }

    /// <summary>The components' resources.</summary>
    [JsonPropertyName("bootstrap_resources")]
    public required IReadOnlyList<ResourceEntry> BootstrapResources { get; init; }

    /// <summary>The components' parameters.</summary>
    [JsonPropertyName("bootstrap_parameters")]
    public required IReadOnlyDictionary<string, object?> BootstrapParameters { get; init; }

    /// <summary>The application's resources.</summary>
    [JsonPropertyName("application_resources")]
    public required IReadOnlyList<ResourceEntry> ApplicationResources { get; init; }

    /// <summary>The application's parameters.</summary>
    [JsonPropertyName("application_parameters")]
    public required IReadOnlyDictionary<string, object?> ApplicationParameters { get; init; }

    /// <summary>A resource as the seed listed it.</summary>
    /// <param name="Type"><c>script</c> or <c>style</c>.</param>
    /// <param name="Resource">Its URL.</param>
    public sealed record ResourceEntry(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("resource")] string Resource)
    {
        internal static ResourceEntry From(BootstrapResource r) =>
            new(r.Type == BootstrapResourceType.Script ? "script" : "style", r.Url);
    }
}
