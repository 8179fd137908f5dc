using System.Text.Json;

namespace Thywill.Blazor.Push;

/// <summary>Measures messages the way the browser does: bytes of their UTF-8 JSON text.</summary>
internal static class MessageSize
{
    public static int Measure(JsonElement data)
    {
        // GetRawText is the JSON as received; its UTF-8 length is what thywill.js measures too.
        // An absent value (default) has no text: it is empty, not an error.
        return data.ValueKind == JsonValueKind.Undefined ? 0 : System.Text.Encoding.UTF8.GetByteCount(data.GetRawText());
    }

    public static void EnsureWithinLimit(JsonElement data, int limit)
    {
        var size = Measure(data);
        if (size > limit)
        {
            throw new MessageTooLargeException(size, limit);
        }
    }
}
