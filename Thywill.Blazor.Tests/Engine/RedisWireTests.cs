using System.Diagnostics;
using System.Text.Json;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.Redis;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>A publication's body in Redis carries the publish's trace to the other nodes, and a bad one costs only the link.</summary>
public sealed class RedisWireTests
{
    private static readonly ChannelKey Channel = new("app", "room:1");

    [Fact]
    public void Body_CarriesThePublishTrace_ToTheNodeThatReadsIt()
    {
        var origin = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var body = RedisWire.WriteBody("id-1", "client-1", DateTimeOffset.UnixEpoch, null, JsonSerializer.SerializeToElement("hi"), origin);

        var read = RedisWire.ReadBody(Channel, "e1", 3, body);

        Assert.Equal(origin.TraceId, read.Origin.TraceId);
        Assert.Equal(origin.SpanId, read.Origin.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, read.Origin.TraceFlags);
        Assert.Equal("hi", read.Data.GetString());
    }

    [Fact]
    public void Body_WithoutTrace_HasNone_AndAMalformedOneIsDeliveredUnlinked()
    {
        var plain = RedisWire.WriteBody("id-1", null, DateTimeOffset.UnixEpoch, null, JsonSerializer.SerializeToElement(1));
        Assert.DoesNotContain("\"o\"", System.Text.Encoding.UTF8.GetString(plain), StringComparison.Ordinal);

        var forged = System.Text.Encoding.UTF8.GetBytes("""{"i":"id-2","t":0,"o":"not-a-trace","d":2}""");
        var read = RedisWire.ReadBody(Channel, "e1", 4, forged);

        Assert.Equal(default, read.Origin);
        Assert.Equal(2, read.Data.GetInt32());
    }
}
