using System.Buffers.Binary;
using System.Text;
using Thywill.Blazor.LoadClient.Circuits;

namespace Thywill.Blazor.LoadClient.Tests.Circuits;

public sealed class ProtocolReadingTests
{
    [Fact]
    public void FindServerMarkers_OnAPageWithMarkers_ReturnsServerOnesInSequenceOrder()
    {
        const string html = """
            <body><!--Blazor:{"type":"server","sequence":1,"descriptor":"B"}--><!--Blazor:{"type":"webassembly","assembly":"X","typeName":"Y"}-->
            <!--Blazor:{"type":"server","sequence":0,"descriptor":"A","key":{"locationHash":"h","formattedComponentKey":""}}--></body>
            """;

        var markers = ComponentMarker.FindServerMarkers(html);

        Assert.Equal(["A", "B"], markers.Select(m => (string?)m.Marker["descriptor"]));
        Assert.Equal(7, (int)markers[0].ToOperationMarker(7)["uniqueId"]!);
        Assert.Equal("h", (string?)markers[0].ToOperationMarker(0)["key"]!["locationHash"]);
    }

    [Fact]
    public void FindServerMarkers_WithoutSequence_Throws() =>
        Assert.Throws<FormatException>(() => ComponentMarker.FindServerMarkers("""<!--Blazor:{"type":"server","descriptor":"A"}-->"""));

    [Fact]
    public void MergeCookies_KeepsNameValuePairsAndReplacesByName()
    {
        var jar = BlazorCircuit.MergeCookies("a=1; thywill.sid=old", ["thywill.sid=new; path=/; httponly; samesite=lax", "b=2; path=/"]);

        Assert.Equal("a=1; thywill.sid=new; b=2", jar);
    }

    [Fact]
    public void RenderBatchSummary_ReadsSectionsAndStrings()
    {
        var batch = BuildBatch(updatedComponents: 1, strings: ["li", "tick-7"]);

        var summary = RenderBatchSummary.Read(batch);

        Assert.Equal(1, summary.UpdatedComponents);
        Assert.Equal(0, summary.ReferenceFrames);
        Assert.Equal(["li", "tick-7"], summary.ReadStrings());
    }

    [Fact]
    public void RenderBatchSummary_WithOffsetsOutsideTheBatch_Throws()
    {
        var batch = BuildBatch(updatedComponents: 0, strings: []);
        BinaryPrimitives.WriteInt32LittleEndian(batch.AsSpan(batch.Length - 20), 10_000);

        Assert.Throws<FormatException>(() => RenderBatchSummary.Read(batch));
    }

    // The layout RenderBatchWriter produces: sections, string table, five offsets.
    private static byte[] BuildBatch(int updatedComponents, string[] strings)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        var diffPositions = new List<int>();
        for (var i = 0; i < updatedComponents; i++)
        {
            diffPositions.Add((int)stream.Position);
            writer.Write(i);
            writer.Write(0);
        }

        var updated = (int)stream.Position;
        writer.Write(updatedComponents);
        diffPositions.ForEach(writer.Write);
        var frames = (int)stream.Position;
        writer.Write(0);
        var disposedComponents = (int)stream.Position;
        writer.Write(0);
        var disposedHandlers = (int)stream.Position;
        writer.Write(0);
        var stringPositions = new List<int>();
        foreach (var text in strings)
        {
            stringPositions.Add((int)stream.Position);
            writer.Write(text);
        }

        var table = (int)stream.Position;
        stringPositions.ForEach(writer.Write);
        foreach (var offset in new[] { updated, frames, disposedComponents, disposedHandlers, table })
        {
            writer.Write(offset);
        }

        writer.Flush();
        return stream.ToArray();
    }
}
