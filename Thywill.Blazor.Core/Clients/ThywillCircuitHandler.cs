using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging;

namespace Thywill.Blazor.Clients;

/// <summary>Tracks one circuit's life and its connection going up and down.</summary>
internal sealed partial class ThywillCircuitHandler(CircuitLink link, ILogger<ThywillCircuitHandler> logger) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        link.CircuitId = circuit.Id;
        Log.CircuitOpened(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        link.Connection = CircuitConnectionFilter.Current ?? link.Connection;
        link.SetUp();
        Log.ConnectionUp(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        link.SetDown();
        Log.ConnectionDown(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Log.CircuitClosed(logger, circuit.Id);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Circuit {CircuitId} opened")]
        public static partial void CircuitOpened(ILogger logger, string circuitId);

        [LoggerMessage(2, LogLevel.Debug, "Circuit {CircuitId} connection up")]
        public static partial void ConnectionUp(ILogger logger, string circuitId);

        [LoggerMessage(3, LogLevel.Information, "Circuit {CircuitId} connection down")]
        public static partial void ConnectionDown(ILogger logger, string circuitId);

        [LoggerMessage(4, LogLevel.Debug, "Circuit {CircuitId} closed")]
        public static partial void CircuitClosed(ILogger logger, string circuitId);
    }
}
