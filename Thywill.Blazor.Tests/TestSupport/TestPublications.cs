using System.Text.Json;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Publications made by hand, for code that receives them.</summary>
internal static class TestPublications
{
    public static readonly ChannelKey Channel = ChannelKey.ForClient("test-app", "client-1");

    /// <summary>A publication of <paramref name="data"/> serialised to JSON (a string stays a string).</summary>
    public static Publication Of(object? data, long offset = 1) =>
        new($"message-{offset}", Channel, "epoch-1", offset, from: null, JsonSerializer.SerializeToElement(data), DateTimeOffset.UnixEpoch);

    /// <summary>Publications with offsets 1 to <paramref name="count"/>.</summary>
    public static IEnumerable<Publication> Numbered(int count) =>
        Enumerable.Range(1, count).Select(offset => Of(offset, offset));
}
