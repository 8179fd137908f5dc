using Thywill.Blazor.Clients;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A client directory whose clients the test sets, raising <see cref="Changed"/> when told.</summary>
internal sealed class FakeClientDirectory : IClientDirectory
{
    private Action? _changed;

    /// <summary>What <see cref="GetConnected"/> answers (filtered by application).</summary>
    public List<ConnectedClient> Clients { get; } = [];

    /// <summary>How many handlers are subscribed to <see cref="Changed"/>.</summary>
    public int ChangedHandlerCount => _changed?.GetInvocationList().Length ?? 0;

    public int Count => Clients.Count;

    public event Action? Changed
    {
        add => _changed += value;
        remove => _changed -= value;
    }

    public IReadOnlyList<ConnectedClient> GetConnected(string? applicationId = null) =>
        Clients.Where(c => applicationId is null || c.Client.ApplicationId == applicationId).ToArray();

    public bool DropConnection(string clientId) => false;

    /// <summary>Raises <see cref="Changed"/>, as a connect or disconnect does.</summary>
    public void RaiseChanged() => _changed?.Invoke();
}
