using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Attaches a connection to a channel without an engine: no history, epoch <c>epoch-1</c>.</summary>
internal static class ClientConnectionExtensions
{
    public static void AttachForTest(this ClientConnection connection, ChannelKey channel) =>
        connection.AttachAsync(
            channel,
            new ChannelPosition("epoch-1", 0),
            report: false,
            (_, _) => Task.FromResult<IAsyncDisposable>(new NoSubscription()),
            (_, _) => Task.FromResult(new ChannelHistory("epoch-1", 0, [], Complete: true))).GetAwaiter().GetResult();

    private sealed class NoSubscription : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
