using Microsoft.Extensions.Logging.Abstractions;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Testing;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Rpc;

public sealed class TypedRpcClientTests
{
    /// <summary>The contract of a shared counter: what its Razor page calls.</summary>
    public interface ICounterFunctions
    {
        [RpcMethod]
        Task<int> IncrementAsync(int by, ClientInfo caller, CancellationToken cancellationToken = default);

        [RpcMethod("zero")]
        Task ResetAsync();

        [RpcMethod]
        ValueTask<string> DescribeAsync(string prefix);
    }

    private sealed class CounterApplication : ThywillApplication, ICounterFunctions
    {
        private int _count;

        public override ApplicationDescriptor Descriptor { get; } = new("counter", "Counter");

        public Task<int> IncrementAsync(int by, ClientInfo caller, CancellationToken cancellationToken = default) =>
            Task.FromResult(Interlocked.Add(ref _count, by));

        // Explicit: the server finds it through the interface, named from the interface's method.
        Task ICounterFunctions.ResetAsync()
        {
            _count = 0;
            return Task.CompletedTask;
        }

        public ValueTask<string> DescribeAsync(string prefix) => ValueTask.FromResult($"{prefix}{_count}");
    }

    [Fact]
    public async Task Rpc_CallsEachMethodUnderTheServersName_WithoutTheCaller_AndReturnsTheResult()
    {
        var client = new FakeThywillClient();
        var passed = new List<object?[]>();
        client.Answer = (name, args) =>
        {
            passed.Add(args);
            return Task.FromResult<object?>(name switch { "increment" => 5, "describe" => "n=5", _ => null });
        };

        var counter = client.Rpc<ICounterFunctions>();
        var total = await counter.IncrementAsync(2, new ClientInfo("counter", "someone-else", "s", null));
        await counter.ResetAsync();
        var described = await counter.DescribeAsync("n=");

        Assert.Equal(5, total);
        Assert.Equal("n=5", described);
        Assert.Equal(["increment", "zero", "describe"], client.Calls);
        Assert.Equal([2], passed[0]);   // the ClientInfo stays behind: the server stamps the caller
        Assert.Empty(passed[1]);
        Assert.Equal(["n="], passed[2]);
    }

    [Fact]
    public async Task Rpc_CancellationToken_AbandonsTheWait()
    {
        var client = new FakeThywillClient();
        var never = new TaskCompletionSource<object?>();
        client.Answer = (_, _) => never.Task;
        using var cancel = new CancellationTokenSource();

        var call = client.Rpc<ICounterFunctions>().IncrementAsync(1, null!, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Rpc_ARefusal_SurfacesAsRpcExceptionWithItsCode()
    {
        var client = new FakeThywillClient { Answer = (_, _) => throw new RpcException("rate-limited", "Slow down.") };

        var error = await Assert.ThrowsAsync<RpcException>(() => client.Rpc<ICounterFunctions>().ResetAsync());

        Assert.Equal("rate-limited", error.Code);
    }

    public interface IHasProperty
    {
        int Count { get; }
    }

    public interface IReturnsPlainValue
    {
        int Count();
    }

    public interface ITwoNamesAlike
    {
        Task AddAsync();

        [RpcMethod("add")]
        Task PlusAsync();
    }

    public interface IGeneric
    {
        Task<T> EchoAsync<T>(T value);
    }

    [Fact]
    public void Rpc_OnAnInterfaceThatCannotBeCalledRemotely_FailsWhenMade_NamingTheMember()
    {
        var client = new FakeThywillClient();

        Assert.Contains("not an interface", Assert.Throws<InvalidOperationException>(() => client.Rpc<CounterApplication>()).Message, StringComparison.Ordinal);
        Assert.Contains("IHasProperty.Count is a property", Assert.Throws<InvalidOperationException>(() => client.Rpc<IHasProperty>()).Message, StringComparison.Ordinal);
        Assert.Contains("IReturnsPlainValue.Count returns Int32", Assert.Throws<InvalidOperationException>(() => client.Rpc<IReturnsPlainValue>()).Message, StringComparison.Ordinal);
        Assert.Contains("both the RPC function 'add'", Assert.Throws<InvalidOperationException>(() => client.Rpc<ITwoNamesAlike>()).Message, StringComparison.Ordinal);
        Assert.Contains("IGeneric.EchoAsync is generic", Assert.Throws<InvalidOperationException>(() => client.Rpc<IGeneric>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_ExposesTheInterfacesFunctions_UnderTheNamesTheTypedClientCalls()
    {
        var dispatcher = new RpcDispatcher(TestOptionsMonitor.Of(new RpcOptions()), TestMetrics.Create(), NullLogger<RpcDispatcher>.Instance);
        var application = new CounterApplication();
        var caller = new ClientInfo("counter", "client-1", "s", null);

        Assert.Equal(["describe", "increment", "zero"], dispatcher.MethodsOf(application).Keys.Order(StringComparer.Ordinal));

        var added = await dispatcher.CallAsync(application, caller, "increment", Json(new object[] { 3 }), CancellationToken.None);
        var reset = await dispatcher.CallAsync(application, caller, "zero", Json(Array.Empty<object>()), CancellationToken.None);
        var described = await dispatcher.CallAsync(application, caller, "describe", Json(new object[] { "n=" }), CancellationToken.None);

        Assert.Equal(3, added.Result!.Value.GetInt32());
        Assert.True(reset.Ok);
        Assert.Equal("n=0", described.Result!.Value.GetString());
    }

    private sealed class Disagreeing : ThywillApplication, ITwoNames
    {
        public override ApplicationDescriptor Descriptor { get; } = new("disagreeing", "Disagreeing");

        [RpcMethod("other")]
        public Task AddAsync() => Task.CompletedTask;
    }

    public interface ITwoNames
    {
        [RpcMethod]
        Task AddAsync();
    }

    [Fact]
    public void Server_ClassAndInterfaceNamingAMethodDifferently_IsRefused()
    {
        var dispatcher = new RpcDispatcher(TestOptionsMonitor.Of(new RpcOptions()), TestMetrics.Create(), NullLogger<RpcDispatcher>.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => dispatcher.MethodsOf(new Disagreeing()));

        Assert.Contains("'other' on the class but 'add' on its interface", error.Message, StringComparison.Ordinal);
    }

    private static System.Text.Json.JsonElement Json(object value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
