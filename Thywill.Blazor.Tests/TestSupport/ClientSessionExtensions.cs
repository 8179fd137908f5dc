using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Engine;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Subscribes a session to a channel at offset 0 of epoch <c>epoch-1</c>, with nothing in its history.</summary>
internal static class ClientSessionExtensions
{
    public static void AttachForTest(this ClientSession session, TestEngine engine, ChannelKey channel)
    {
        engine.NextReadHistory = (_, _) => Task.FromResult(new ChannelHistory("epoch-1", 0, [], Complete: true));
        session.Subscriptions.AttachAsync(channel, new ChannelRule(channel.Name, Join: false, Publish: false, Presence: false, HistorySize: 0, HistoryAge: TimeSpan.Zero, Archive: false, HistoryMaxBytes: 0), new ChannelPosition("epoch-1", 0), report: false, CancellationToken.None).GetAwaiter().GetResult();
    }
}
