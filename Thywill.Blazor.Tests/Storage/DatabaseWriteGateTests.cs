using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Storage;

namespace Thywill.Blazor.Tests.Storage;

/// <summary>On SQLite the store's writes take turns in the process; on server databases they do not wait.</summary>
public sealed class DatabaseWriteGateTests
{
    [Fact]
    public async Task EnterAsync_Sqlite_SecondWriterWaitsForTheFirstToFinish()
    {
        var gate = Gate(DatabaseProvider.Sqlite);
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.True(gate.Serializes);
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.PostgreSql))]
    [InlineData(nameof(DatabaseProvider.SqlServer))]
    public async Task EnterAsync_ServerDatabase_WritersDoNotWait(string providerName)
    {
        var provider = Enum.Parse<DatabaseProvider>(providerName);
        var gate = Gate(provider);

        using var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(gate.Serializes);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_ThrowsAndLeavesTheTurnToOthers()
    {
        var gate = Gate(DatabaseProvider.Sqlite);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        (await gate.EnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    private static DatabaseWriteGate Gate(DatabaseProvider provider) =>
        new(Options.Create(new DatabaseOptions { Provider = provider }));
}
