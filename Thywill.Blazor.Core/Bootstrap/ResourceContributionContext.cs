using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Bootstrap;

/// <summary>What a contributor sees while the init page of an application is rendered.</summary>
internal sealed class ResourceContributionContext
{
    private readonly List<BootstrapResource> _resources;

    internal ResourceContributionContext(ApplicationDescriptor application, List<BootstrapResource> resources)
    {
        Application = application;
        _resources = resources;
    }

    /// <summary>The application whose page is rendered.</summary>
    public ApplicationDescriptor Application { get; }

    /// <summary>Adds a resource after those already added.</summary>
    /// <param name="resource">The resource.</param>
    public void Add(BootstrapResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _resources.Add(resource);
    }
}
