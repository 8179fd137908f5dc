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

    /// <summary>The clients whose connections were dropped, in order.</summary>
    public List<string> Dropped { get; } = [];

    /// <summary>The clients disconnected, in order.</summary>
    public List<string> Disconnected { get; } = [];

    public bool DropConnection(string clientId)
    {
        Dropped.Add(clientId);
        return Clients.Any(c => c.Client.ClientId == clientId);
    }

    public bool Disconnect(string clientId)
    {
        Disconnected.Add(clientId);
        return Clients.Any(c => c.Client.ClientId == clientId);
    }

    /// <summary>Raises <see cref="Changed"/>, as a connect or disconnect does.</summary>
    public void RaiseChanged() => _changed?.Invoke();
}
