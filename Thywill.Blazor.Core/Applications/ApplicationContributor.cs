using Microsoft.Extensions.Options;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// The application interface's part of the bootstrap: the application's own resources (from its
/// descriptor) and its parameters (from <c>Thywill:Applications:{id}:Parameters</c>), always last.
/// </summary>
internal sealed class ApplicationContributor(IOptionsMonitor<ThywillOptions> options) : IBootstrapContributor
{
    public ThywillComponent Component => ThywillComponent.Application;

    public void ContributeResources(ResourceContributionContext context)
    {
        foreach (var resource in context.Application.Resources)
        {
            context.Add(resource);
        }
    }

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Applications.TryGetValue(context.Application.Id, out var settings))
        {
            foreach (var (key, value) in settings.Parameters)
            {
                context.Parameters[key] = value;
            }
        }

        return ValueTask.CompletedTask;
    }
}
