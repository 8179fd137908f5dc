using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Bootstrap;

/// <summary>The resources of one application's init page, in load order.</summary>
/// <param name="Application">The application.</param>
/// <param name="BootstrapResources">The components' resources, first.</param>
/// <param name="ApplicationResources">The application's resources, after them.</param>
internal sealed record BootstrapPage(
    ApplicationDescriptor Application,
    IReadOnlyList<BootstrapResource> BootstrapResources,
    IReadOnlyList<BootstrapResource> ApplicationResources)
{
    /// <summary>Every resource in load order: bootstrap resources first, application resources last.</summary>
    public IEnumerable<BootstrapResource> All => BootstrapResources.Concat(ApplicationResources);
}
