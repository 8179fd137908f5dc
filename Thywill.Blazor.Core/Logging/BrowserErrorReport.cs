using System.Text.Json.Serialization;

namespace Thywill.Blazor.Logging;

/// <summary>An error in the browser (window error or unhandled rejection) forwarded over the circuit.</summary>
internal sealed record BrowserErrorReport
{
    /// <summary><c>error</c>, <c>unhandledrejection</c>, <c>callback</c> or <c>console</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>The error message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The script URL.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The line.</summary>
    [JsonPropertyName("line")]
    public int? Line { get; init; }

    /// <summary>The column.</summary>
    [JsonPropertyName("column")]
    public int? Column { get; init; }

    /// <summary>The stack trace.</summary>
    [JsonPropertyName("stack")]
    public string? Stack { get; init; }
}
