using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Client connections without a circuit: attached to nothing until a test attaches them.</summary>
internal static class TestConnections
{
    /// <summary>A connection of <paramref name="clientId"/> to <paramref name="application"/>, in session <c>session-1</c>.</summary>
    public static ClientConnection Create(
        IThywillApplication application,
        ThywillOptions options,
        string clientId = "client-1",
        TimeProvider? time = null,
        ILogger? logger = null) =>
        new(
            new ClientInfo(application.Descriptor.Id, clientId, "session-1", UserId: null),
            application,
            new CircuitLink(),
            options,
            time ?? new ManualTimeProvider(),
            logger ?? NullLogger.Instance);
}
