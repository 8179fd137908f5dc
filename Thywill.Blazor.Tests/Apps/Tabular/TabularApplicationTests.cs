using Microsoft.Extensions.Logging.Abstractions;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Tabular;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Tests.TestSupport;
using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Tests.Apps.Tabular;

public sealed class TabularApplicationTests : IAsyncDisposable
{
    private static readonly ClientInfo Ann = new(TabularApplication.Id, "ann", "session-a", UserId: null);
    private static readonly ClientInfo Bob = new(TabularApplication.Id, "bob", "session-b", UserId: null);

    private readonly TestServer _server = new();
    private readonly TabularApplication _application;

    public TabularApplicationTests()
    {
        _application = _server.Bind(new TabularApplication(TimeProvider.System, NullLogger<TabularApplication>.Instance)
        {
            Interval = TimeSpan.FromMilliseconds(10),
        });
    }

    [Fact]
    public async Task Start_ConnectedCaller_StreamsNumberedRowsToThatClientOnly()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        await _application.OnConnectedAsync(Bob, CancellationToken.None);

        Assert.True(_application.Start(Ann));
        await EventuallyAsync(() => _server.PushOf(TabularApplication.Id).Sent.Count >= 3);

        Assert.All(_server.PushOf(TabularApplication.Id).Sent, sent => Assert.Equal((TabularApplication.Id, "ann"), (sent.ApplicationId, sent.Target)));
        Assert.Equal([1L, 2L, 3L], _server.PushOf(TabularApplication.Id).Sent.Take(3).Select(sent => ((SensorRow)sent.Data!).Seq));
    }

    [Fact]
    public async Task Start_AlreadyStreaming_ReturnsFalseAndKeepsOneStream()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        _application.Start(Ann);

        Assert.False(_application.Start(Ann));
        Assert.Equal(1, _application.Running);
    }

    [Fact]
    public void Start_CallerNeverConnected_RefusedAsDisconnected()
    {
        var refusal = Assert.Throws<RpcException>(() => _application.Start(Ann));

        Assert.Equal(ErrorCodes.Disconnected, refusal.Code);
        Assert.Empty(_server.PushOf(TabularApplication.Id).Sent);
    }

    [Fact]
    public async Task Stop_Streaming_NothingIsSentAfterItReturns()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        _application.Start(Ann);
        await EventuallyAsync(() => _server.PushOf(TabularApplication.Id).Sent.Count >= 2);

        Assert.True(await _application.StopAsync(Ann));
        var sent = _server.PushOf(TabularApplication.Id).Sent.Count;
        await Task.Delay(100);

        Assert.Equal(sent, _server.PushOf(TabularApplication.Id).Sent.Count);
        Assert.Equal(0, _application.Running);
    }

    [Fact]
    public async Task Stop_NotStreaming_ReturnsFalse()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);

        Assert.False(await _application.StopAsync(Ann));
    }

    [Fact]
    public async Task Start_AfterStop_StartsANewStreamFromOne()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        _application.Start(Ann);
        await EventuallyAsync(() => _server.PushOf(TabularApplication.Id).Sent.Count >= 2);
        await _application.StopAsync(Ann);
        _server.PushOf(TabularApplication.Id).Sent.Clear();

        Assert.True(_application.Start(Ann));
        await EventuallyAsync(() => !_server.PushOf(TabularApplication.Id).Sent.IsEmpty);

        Assert.Equal(1L, ((SensorRow)_server.PushOf(TabularApplication.Id).Sent.First().Data!).Seq);
    }

    [Fact]
    public async Task ConnectionLifetimeEnds_StopsTheStreamWithoutTheDisconnectHook()
    {
        using var lifetime = new CancellationTokenSource();
        await _application.OnConnectedAsync(Ann, lifetime.Token);
        _application.Start(Ann);
        await EventuallyAsync(() => _server.PushOf(TabularApplication.Id).Sent.Count >= 2);

        await lifetime.CancelAsync();

        await EventuallyAsync(() => _application.Running == 0);
        Assert.Equal(ErrorCodes.Disconnected, Assert.Throws<RpcException>(() => _application.Start(Ann)).Code);
    }

    [Fact]
    public async Task OnDisconnectedAsync_ClientWentAway_StopsItsStreamAndForgetsIt()
    {
        using var lifetime = new CancellationTokenSource();
        await _application.OnConnectedAsync(Ann, lifetime.Token);
        await _application.OnConnectedAsync(Bob, CancellationToken.None);
        _application.Start(Ann);
        _application.Start(Bob);

        await lifetime.CancelAsync();
        await _application.OnDisconnectedAsync(Ann, CancellationToken.None);

        await EventuallyAsync(() => _application.Running == 1);
        Assert.Throws<RpcException>(() => _application.Start(Ann));
        Assert.False(_application.Start(Bob));
    }

    [Fact]
    public async Task OnDisconnectedAsync_OfAReplacedConnection_KeepsTheNewerOne()
    {
        using var first = new CancellationTokenSource();
        await _application.OnConnectedAsync(Ann, first.Token);
        await _application.OnConnectedAsync(Ann, CancellationToken.None);

        await first.CancelAsync();
        await _application.OnDisconnectedAsync(Ann, CancellationToken.None);

        Assert.True(_application.Start(Ann));
    }

    [Fact]
    public async Task DisposeAsync_Streaming_StopsEveryStream()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        await _application.OnConnectedAsync(Bob, CancellationToken.None);
        _application.Start(Ann);
        _application.Start(Bob);

        await _application.DisposeAsync();
        var sent = _server.PushOf(TabularApplication.Id).Sent.Count;
        await Task.Delay(100);

        Assert.Equal(sent, _server.PushOf(TabularApplication.Id).Sent.Count);
        Assert.Equal(0, _application.Running);
    }

    [Fact]
    public async Task Dispose_Streaming_CancelsEveryStream()
    {
        await _application.OnConnectedAsync(Ann, CancellationToken.None);
        _application.Start(Ann);

        _application.Dispose();

        await EventuallyAsync(() => _application.Running == 0);
    }

    public ValueTask DisposeAsync() => _application.DisposeAsync();

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(10);
        }
    }
}
