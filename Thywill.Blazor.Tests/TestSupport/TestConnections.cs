using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Client sessions without a circuit: attached to nothing until a test attaches them.</summary>
internal static class TestConnections
{
    /// <summary>A session of <paramref name="clientId"/> to <paramref name="application"/>, in session <c>session-1</c>, on a node of its own.</summary>
    public static ClientSession Create(
        IThywillApplication application,
        TestOptions options,
        string clientId = "client-1",
        TimeProvider? time = null,
        ILogger? logger = null) =>
        new TestChannels(application, options, time: time as FakeTimeProvider).Connect(clientId, logger);
}
