using System.Buffers;
using System.Text.Json;

namespace Thywill.Blazor.Engine;

/// <summary>Writes an event's JSON once, as the exact-size UTF-8 array every recipient shares.</summary>
internal static class EventJson
{
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write, int sizeHint = 128)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
