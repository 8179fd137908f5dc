using System.Buffers.Binary;
using System.Text;

namespace Thywill.Blazor.LoadClient.Circuits;

/// <summary>
/// What a render batch holds, read from the binary form the server's RenderBatchWriter produces:
/// sections of diffs, reference frames, disposed component and event handler ids, and a string table,
/// with the five section offsets as little-endian int32s at the very end. The load client has no DOM,
/// so it checks the framing, counts the sections, and can read the strings (what a page would show).
/// </summary>
public readonly struct RenderBatchSummary
{
    private const int TrailerBytes = 5 * sizeof(int);
    private readonly ReadOnlyMemory<byte> _batch;
    private readonly int _stringTableOffset;

    private RenderBatchSummary(ReadOnlyMemory<byte> batch, int updated, int frames, int disposedComponents, int disposedHandlers, int strings, int stringTableOffset)
    {
        _batch = batch;
        UpdatedComponents = updated;
        ReferenceFrames = frames;
        DisposedComponents = disposedComponents;
        DisposedEventHandlers = disposedHandlers;
        Strings = strings;
        _stringTableOffset = stringTableOffset;
    }

    /// <summary>Components whose output changed.</summary>
    public int UpdatedComponents { get; }

    /// <summary>Frames the edits refer to.</summary>
    public int ReferenceFrames { get; }

    /// <summary>Components disposed by this batch.</summary>
    public int DisposedComponents { get; }

    /// <summary>Event handlers disposed by this batch.</summary>
    public int DisposedEventHandlers { get; }

    /// <summary>Entries in the string table.</summary>
    public int Strings { get; }

    /// <summary>Reads a batch's framing.</summary>
    /// <param name="batch">The batch as the server sent it.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="FormatException">The batch is cut or its offsets point outside it.</exception>
    public static RenderBatchSummary Read(ReadOnlyMemory<byte> batch)
    {
        var span = batch.Span;
        if (span.Length < TrailerBytes)
        {
            throw new FormatException($"A render batch of {span.Length} bytes is shorter than its trailer.");
        }

        var trailer = span[^TrailerBytes..];
        var updatedOffset = Offset(span, trailer, 0);
        var framesOffset = Offset(span, trailer, 1);
        var disposedComponentsOffset = Offset(span, trailer, 2);
        var disposedHandlersOffset = Offset(span, trailer, 3);
        var stringTableOffset = BinaryPrimitives.ReadInt32LittleEndian(trailer[16..]);
        if (stringTableOffset < 0 || stringTableOffset > span.Length - TrailerBytes || (span.Length - TrailerBytes - stringTableOffset) % sizeof(int) != 0)
        {
            throw new FormatException($"The render batch's string table offset {stringTableOffset} does not fit its {span.Length} bytes.");
        }

        return new RenderBatchSummary(
            batch,
            Count(span, updatedOffset),
            Count(span, framesOffset),
            Count(span, disposedComponentsOffset),
            Count(span, disposedHandlersOffset),
            (span.Length - TrailerBytes - stringTableOffset) / sizeof(int),
            stringTableOffset);
    }

    /// <summary>The strings of the batch (text, markup, attribute values, element names).</summary>
    public IEnumerable<string> ReadStrings()
    {
        for (var i = 0; i < Strings; i++)
        {
            yield return ReadString(i);
        }
    }

    private string ReadString(int index)
    {
        var span = _batch.Span;
        var location = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(_stringTableOffset + (index * sizeof(int)), sizeof(int)));
        if (location < 0 || location >= _stringTableOffset)
        {
            throw new FormatException($"String {index} of the render batch points outside it.");
        }

        // BinaryWriter's strings: a 7-bit encoded byte length, then UTF-8.
        var length = 0;
        var shift = 0;
        var position = location;
        byte next;
        do
        {
            next = span[position++];
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0 && shift < 35);

        if (length < 0 || position + length > _stringTableOffset)
        {
            throw new FormatException($"String {index} of the render batch runs past its table.");
        }

        return Encoding.UTF8.GetString(span.Slice(position, length));
    }

    private static int Offset(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> trailer, int index)
    {
        var offset = BinaryPrimitives.ReadInt32LittleEndian(trailer[(index * sizeof(int))..]);
        if (offset < 0 || offset > batch.Length - TrailerBytes - sizeof(int))
        {
            throw new FormatException($"Render batch section {index} starts at {offset}, outside the {batch.Length}-byte batch.");
        }

        return offset;
    }

    private static int Count(ReadOnlySpan<byte> batch, int offset)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(batch[offset..]);
        if (count < 0 || count > batch.Length)
        {
            throw new FormatException($"A render batch section at {offset} claims {count} entries.");
        }

        return count;
    }
}
