namespace Thywill.Blazor.Clients;

/// <summary>
/// The state of one circuit's connection to its browser, shared (scoped) between the circuit
/// handler that observes it and the client root that delivers through it. While the connection is
/// down the pump waits here instead of failing, so nothing queued is lost across a reconnect.
/// </summary>
internal sealed class CircuitLink
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _up = CompletedSignal();
    private CancellationTokenSource _down = new();

    /// <summary>Raised after the connection goes down (<see langword="false"/>) or comes back (<see langword="true"/>).</summary>
    public event Action<bool>? Changed;

    /// <summary>The hub connection the circuit currently runs over, when known.</summary>
    public Microsoft.AspNetCore.SignalR.HubCallerContext? Connection { get; set; }

    /// <summary>Drops the browser's connection (the circuit stays; the browser reconnects).</summary>
    /// <returns>Whether there was a connection to drop.</returns>
    public bool DropConnection()
    {
        if (Connection is not { } connection || !IsUp)
        {
            return false;
        }

        connection.Abort();
        return true;
    }

    /// <summary>The circuit's id, once the circuit opened.</summary>
    public string? CircuitId { get; set; }

    /// <summary>Whether the browser is connected now.</summary>
    public bool IsUp
    {
        get
        {
            lock (_gate)
            {
                return _up.Task.IsCompleted;
            }
        }
    }

    /// <summary>Cancelled when the connection goes down; a new token after each reconnect.</summary>
    public CancellationToken DownToken
    {
        get
        {
            lock (_gate)
            {
                return _down.Token;
            }
        }
    }

    public void SetUp()
    {
        lock (_gate)
        {
            if (_up.Task.IsCompleted)
            {
                return;
            }

            _down.Dispose();
            _down = new CancellationTokenSource();
            _up.TrySetResult();
        }

        Changed?.Invoke(true);
    }

    public void SetDown()
    {
        lock (_gate)
        {
            if (!_up.Task.IsCompleted)
            {
                return;
            }

            _up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _down.Cancel();
        }

        Changed?.Invoke(false);
    }

    /// <summary>Completes when the browser is connected.</summary>
    public Task WaitUpAsync(CancellationToken cancellationToken)
    {
        Task up;
        lock (_gate)
        {
            up = _up.Task;
        }

        return up.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }
}
