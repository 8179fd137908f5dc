using System.Text.Json;
using Microsoft.JSInterop;
using Microsoft.JSInterop.Infrastructure;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Components;

namespace Thywill.Blazor.Tests.Components;

/// <summary>
/// The bootstrap's interop goes through shared JSON metadata, yet the page sees the same JSON and the
/// server reads the same answers as through Blazor's own (per-circuit) JS runtime settings.
/// </summary>
public sealed class InteropJsonTests
{
    [Theory]
    [InlineData("echo")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ <tag> & 'apostrophe' é ü 中 \u0001 line\nbreak")]
    public async Task Text_AsAnArgument_SendsTheSameJsonAsTheString(string text)
    {
        var runtime = new RecordingJSRuntime();

        await runtime.InvokeVoidAsync("thywill._ready", text, "token");
        await runtime.InvokeVoidAsync("thywill._ready", InteropJson.Text(text), InteropJson.Text("token"));

        Assert.Equal(runtime.ArgsJson[0], runtime.ArgsJson[1]);
    }

    [Theory]
    [InlineData("""{"resumeToken":"t1","positions":{"room":{"epoch":"e1","offset":5},"gone":null}}""")]
    [InlineData("""{"ResumeToken":"t1","POSITIONS":{"room":{"Epoch":"e1","OFFSET":5}}}""")]
    [InlineData("""{"resumeToken":null}""")]
    [InlineData("""{}""")]
    public void Read_Answer_ReadsWhatBlazorsOwnSettingsRead(string json)
    {
        var blazor = JsonSerializer.Deserialize<Hello>(json, new RecordingJSRuntime().Options);

        var shared = InteropJson.Read<Hello>(JsonDocument.Parse(json).RootElement);

        Assert.Equal(JsonSerializer.Serialize(blazor), JsonSerializer.Serialize(shared));
    }

    [Theory]
    [InlineData("""{"resumeToken":42}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""null""")]
    public void Read_AnswerOfTheWrongShape_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => InteropJson.Read<Hello>(JsonDocument.Parse(json).RootElement));
    }

    /// <summary>The shape of thywill.js's answer to <c>_attach</c>.</summary>
    private sealed record Hello(string? ResumeToken, Dictionary<string, ChannelPosition?>? Positions);

    /// <summary>Blazor's JS runtime base with its real serializer settings; keeps the arguments sent.</summary>
    private sealed class RecordingJSRuntime : JSRuntime
    {
        public List<string?> ArgsJson { get; } = [];

        public JsonSerializerOptions Options => JsonSerializerOptions;

        protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId)
        {
            ArgsJson.Add(argsJson);
            DotNetDispatcher.EndInvokeJS(this, "[" + taskId + ",true,null]");
        }

        protected override void EndInvokeDotNet(DotNetInvocationInfo invocationInfo, in DotNetInvocationResult invocationResult)
        {
        }
    }
}
