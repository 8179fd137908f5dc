using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The base of tests that run unchanged on every provider: the class shares one migrated
/// <typeparamref name="TDatabase"/>; each test gets its own services and clock over it, and works on
/// rows of its own (<see cref="NewId"/>), so tests never see each other's data.
/// </summary>
public abstract class DatabaseTests<TDatabase> : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected DatabaseTests(TDatabase database)
    {
        Database = database;
        Services = database.BuildServices(Time);
    }

    protected TDatabase Database { get; }

    private protected FakeTimeProvider Time { get; } = new();

    protected ServiceProvider Services { get; }

    /// <summary>An id no other test uses: <paramref name="prefix"/> and a GUID.</summary>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
