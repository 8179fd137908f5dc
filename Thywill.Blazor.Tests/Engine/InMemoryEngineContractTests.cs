using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>The engine contract on the single-process engine.</summary>
public sealed class InMemoryEngineContractTests : EngineContractTests
{
    private protected override IThywillEngine CreateEngine(TestOptions options) =>
        new InMemoryEngine(options.Rules(), TimeProvider.System);
}
