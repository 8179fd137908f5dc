using Microsoft.Extensions.Options;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Push;

/// <summary>The push component's part of the bootstrap: how it batches.</summary>
internal sealed class PushContributor(IOptionsMonitor<PushOptions> options) : IBootstrapContributor
{
    public ThywillComponent Component => ThywillComponent.Push;

    public void ContributeResources(ResourceContributionContext context)
    {
        // Delivery runs through thywill.js, contributed by the client interface.
    }

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        var push = options.CurrentValue;
        context.Parameters["maxBatchSize"] = push.MaxBatchSize;
        context.Parameters["outboxCapacity"] = push.OutboxCapacity;
        return ValueTask.CompletedTask;
    }
}
