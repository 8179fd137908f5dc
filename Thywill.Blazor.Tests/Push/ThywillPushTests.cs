using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.InMemory;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Push;

public sealed class ThywillPushTests
{
    private const string App = "test-app";

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryBroker _engine;
    private readonly ThywillPush _push;

    public ThywillPushTests()
    {
        var options = TestOptions.With(o => o.Messages.MaxMessageBytes = 10);
        _engine = new InMemoryBroker(_time);
        _push = new ThywillPush(_engine, options.Rules(), new MessageLimit(Microsoft.Extensions.Options.Options.Create(options.Messages)));
    }

    [Fact]
    public async Task SendToClientAsync_OverMaxMessageBytes_ThrowsAndPublishesNothing()
    {
        // "123456789" is 11 bytes of JSON with its quotes; the limit is 10.
        var error = await Assert.ThrowsAsync<MessageTooLargeException>(async () => await _push.SendToClientAsync(App, "client-1", "123456789"));

        Assert.Equal(11, error.Size);
        Assert.Equal(10, error.Limit);
        Assert.Empty((await _engine.ReadHistoryAsync(ChannelKey.ForClient(App, "client-1"), 0)).Publications);
    }

    [Fact]
    public async Task SendToClientAsync_ExactlyMaxMessageBytes_Publishes()
    {
        var publication = await _push.SendToClientAsync(App, "client-1", "12345678");

        Assert.Equal(1, publication.Offset);
    }

    [Fact]
    public async Task SendToClientAsync_String_StaysAStringInDataAndEnvelope()
    {
        var publication = await _push.SendToClientAsync(App, "client-1", "hello");

        Assert.Equal(JsonValueKind.String, publication.Data.ValueKind);
        Assert.Equal("hello", publication.Data.GetString());
        Assert.Contains("\"data\":\"hello\"", System.Text.Encoding.UTF8.GetString(publication.Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_PushedMessage_HasExactlyTheEnvelopeFields()
    {
        var publication = await _push.SendToClientAsync(App, "client-1", 42);

        using var envelope = JsonDocument.Parse(publication.Json);
        var root = envelope.RootElement;

        Assert.Equal(["id", "channel", "epoch", "offset", "from", "data", "ts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(publication.Id, root.GetProperty("id").GetString());
        Assert.Equal("$client:client-1", root.GetProperty("channel").GetString());
        Assert.Equal(publication.Epoch, root.GetProperty("epoch").GetString());
        Assert.Equal(1, root.GetProperty("offset").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("from").ValueKind);
        Assert.Equal(42, root.GetProperty("data").GetInt32());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), root.GetProperty("ts").GetInt64());
    }

    [Fact]
    public async Task PushAsync_EachAddress_PublishesInItsOwnChannel()
    {
        var toClient = await _push.SendToClientAsync(App, "c", 1);
        var toSession = await _push.SendToSessionAsync(App, "s", 1);
        var toUser = await _push.SendToUserAsync(App, "u", 1);
        var broadcast = await _push.BroadcastAsync(App, 1);

        Assert.Equal(
            [ChannelKey.ForClient(App, "c"), ChannelKey.ForSession(App, "s"), ChannelKey.ForUser(App, "u"), ChannelKey.Broadcast(App)],
            new[] { toClient, toSession, toUser, broadcast }.Select(p => p.Channel));
    }

    [Fact]
    public async Task SendToClientAsync_SubscribedClient_ReceivesThePublication()
    {
        var subscriber = new RecordingSubscriber();
        await _engine.SubscribeAsync(ChannelKey.ForClient(App, "client-1"), subscriber);

        var publication = await _push.SendToClientAsync(App, "client-1", "hi");

        Assert.Same(publication, Assert.Single(subscriber.Received));
    }

    [Fact]
    public async Task SendToClientAsync_EmptyClientId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await _push.SendToClientAsync(App, "", "hi"));
    }
}
