using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>A catalog of descriptors only, for components that list applications.</summary>
internal sealed class FakeApplicationCatalog(params ApplicationDescriptor[] applications) : IApplicationCatalog
{
    public IReadOnlyList<ApplicationDescriptor> All { get; } = applications.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Disabled { get; } = [];

    public ApplicationDescriptor? Find(string applicationId) => All.FirstOrDefault(a => a.Id == applicationId);

    public IThywillApplication? GetApplication(string applicationId) => null;
}
