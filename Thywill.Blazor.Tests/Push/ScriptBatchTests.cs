using System.Text;
using System.Text.Json;
using Microsoft.JSInterop;
using Microsoft.JSInterop.Infrastructure;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Tests.Push;

/// <summary>
/// A batch goes through Blazor's own JS interop serialiser: the page must get an array of the events'
/// envelopes, written once per event, not a string it has to parse again.
/// </summary>
public sealed class ScriptBatchTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task InvokeVoidAsync_Batch_ArgumentIsTheArrayOfEnvelopes()
    {
        using var data = JsonDocument.Parse("""{"text":"quote \" and <b>"}""");
        var publication = new Publication("m1", new ChannelKey("app", "room:a"), "e1", 7, "client-9", data.RootElement.Clone(), When);
        using var info = JsonDocument.Parse("""{"name":"Ann"}""");
        var presence = new PresenceEvent(new ChannelKey("app", "room:a"), "join", new PresenceMember("client-2", null, info.RootElement.Clone()));
        var runtime = new RecordingRuntime();

        await runtime.InvokeVoidAsync("thywill._deliver", CancellationToken.None, new ScriptBatch([publication, presence]));

        using var args = JsonDocument.Parse(runtime.ArgsJson!);
        var batch = Assert.Single(args.RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.Array, batch.ValueKind);
        Assert.Equal(
            [Encoding.UTF8.GetString(publication.Json.Span), Encoding.UTF8.GetString(presence.Json.Span)],
            batch.EnumerateArray().Select(e => e.GetRawText()));
        Assert.Equal("quote \" and <b>", batch[0].GetProperty("data").GetProperty("text").GetString());
        Assert.Equal(7, batch[0].GetProperty("offset").GetInt64());
        Assert.Equal("presence", batch[1].GetProperty("type").GetString());
    }

    [Fact]
    public void Json_OfAPublication_IsWrittenOnceAndShared()
    {
        using var data = JsonDocument.Parse("42");
        var publication = new Publication("m1", ChannelKey.Broadcast("app"), "e1", 1, null, data.RootElement.Clone(), When);

        var first = publication.Json;
        var second = publication.Json;

        Assert.True(first.Span == second.Span, "Both reads return the same bytes, not a copy.");
    }

    [Fact]
    public async Task InvokeVoidAsync_EmptyBatch_IsAnEmptyArray()
    {
        var runtime = new RecordingRuntime();

        await runtime.InvokeVoidAsync("thywill._deliver", CancellationToken.None, new ScriptBatch([]));

        Assert.Equal("[[]]", runtime.ArgsJson);
    }

    // Blazor's JSRuntime with its own serialiser options; the call is recorded and answered at once.
    private sealed class RecordingRuntime : JSRuntime
    {
        public string? ArgsJson { get; private set; }

        protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId)
        {
            ArgsJson = argsJson;
            DotNetDispatcher.EndInvokeJS(this, $"[{taskId},true,null]");
        }

        protected override void EndInvokeDotNet(DotNetInvocationInfo invocationInfo, in DotNetInvocationResult invocationResult) =>
            throw new NotSupportedException();
    }
}
