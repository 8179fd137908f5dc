using System.Text.Json;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Publishing in engine tests.</summary>
internal static class EngineExtensions
{
    /// <summary>Publishes the numbers 0 to <paramref name="count"/> − 1 from the server, one at a time.</summary>
    /// <returns>The offsets they were given, in order.</returns>
    public static async Task<long[]> PublishNumbersAsync(this TestEngine engine, ChannelKey channel, int count)
    {
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = (await engine.PublishAsync(channel, null, JsonSerializer.SerializeToElement(i))).Offset;
        }

        return offsets;
    }
}
