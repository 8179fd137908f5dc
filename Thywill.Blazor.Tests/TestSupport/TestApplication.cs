using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>An application with a given id and front-end resources, and no behaviour.</summary>
internal class TestApplication(string id, params BootstrapResource[] resources) : ThywillApplication
{
    public override ApplicationDescriptor Descriptor { get; } = new(id, "Test " + id) { Resources = resources };
}

/// <summary>An application that also contributes to its own bootstrap, as an application may.</summary>
internal sealed class ContributingTestApplication(string id, BootstrapResource ownResource, string parameter, string value, params BootstrapResource[] resources)
    : TestApplication(id, resources), IBootstrapContributor
{
    public ThywillComponent Component => ThywillComponent.Application;

    public void ContributeResources(ResourceContributionContext context) => context.Add(ownResource);

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        context.Parameters[parameter] = value;
        return ValueTask.CompletedTask;
    }
}
