using Thywill.Blazor.Engine;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Engine;

/// <summary>The engine contract on the single-process engine.</summary>
public sealed class InMemoryEngineContractTests : EngineContractTests
{
    private protected override TestEngine CreateEngine(TestOptions options) =>
        TestEngine.InMemory(options.Rules(), TimeProvider.System);
}
