using System.Text.Json;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.Push;

/// <summary>A message's size is the UTF-8 bytes of its JSON text, as thywill.js counts them: <c>"äbc"</c> is 2 + 2 + 1 + 1.</summary>
public sealed class MessageSizeTests
{
    [Fact]
    public void Measure_CountsUtf8BytesOfTheJsonText()
    {
        Assert.Equal(6, MessageSize.Measure(JsonSerializer.SerializeToElement("äbc", new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
    }

    [Fact]
    public void Measure_AnAbsentValue_IsEmpty_NotAnError()
    {
        Assert.Equal(0, MessageSize.Measure(default));
    }
}
