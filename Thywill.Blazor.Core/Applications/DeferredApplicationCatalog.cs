using Microsoft.Extensions.DependencyInjection;

namespace Thywill.Blazor.Applications;

/// <summary>
/// The catalog, resolved on first use. Services that applications may depend on (channels) take this
/// one: the real catalog is built from the applications, so taking it at construction would make an
/// application that injects <see cref="Channels.IThywillChannels"/> a dependency of itself.
/// </summary>
internal sealed class DeferredApplicationCatalog(IServiceProvider services) : IApplicationCatalog
{
    private IApplicationCatalog Inner => services.GetRequiredService<IApplicationCatalog>();

    public IReadOnlyList<ApplicationDescriptor> All => Inner.All;

    public ApplicationDescriptor? Find(string applicationId) => Inner.Find(applicationId);

    public IThywillApplication? GetApplication(string applicationId) => Inner.GetApplication(applicationId);
}
