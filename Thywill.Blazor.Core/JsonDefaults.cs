using System.Text.Json;

namespace Thywill.Blazor;

/// <summary>The JSON settings used wherever the framework serialises application data.</summary>
internal static class JsonDefaults
{
    // Relaxed escaping: the JSON goes to a browser as data, never into HTML, and escaping non-ASCII
    // would make a message measure (and travel) up to six times larger than the browser's own JSON.
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
