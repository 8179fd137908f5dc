using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thywill.Blazor.Push;

/// <summary>Writes a <see cref="ScriptBatch"/>; the page never sends one back.</summary>
internal sealed class ScriptBatchConverter : JsonConverter<ScriptBatch>
{
    public override ScriptBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A delivery batch is only ever written.");

    public override void Write(Utf8JsonWriter writer, ScriptBatch value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value.Events)
        {
            // Written by Utf8JsonWriter when the event was created: already valid JSON.
            writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }
}
