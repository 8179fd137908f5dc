using Thywill.Blazor.Channels;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>The engine contract on the single-process engine.</summary>
public sealed class InMemoryEngineContractTests : EngineContractTests
{
    protected override IThywillEngine CreateEngine(ThywillOptions options) =>
        new InMemoryEngine(new ChannelRules(new TestOptionsMonitor(options)), TimeProvider.System);
}
