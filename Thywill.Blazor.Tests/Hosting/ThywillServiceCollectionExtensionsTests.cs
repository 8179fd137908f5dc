using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

public sealed class ThywillServiceCollectionExtensionsTests
{
    // The failure this guards against was a hang (a dependency cycle through factories), not an exception.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Resolve_ApplicationInjectingChannels_ValidatesOptionsAndBuildsTheCatalog()
    {
        await using var services = TestServices.Build(replace: s =>
        {
            s.TryAddSingleton<ChannelsApplication>();
            s.TryAddEnumerable(ServiceDescriptor.Singleton<IThywillApplication, ChannelsApplication>(sp => sp.GetRequiredService<ChannelsApplication>()));
        });

        var catalog = await Task.Run(() =>
        {
            _ = services.GetRequiredService<IOptions<ThywillOptions>>().Value;
            return services.GetRequiredService<IApplicationCatalog>();
        }).WaitAsync(Patience);

        var application = Assert.IsType<ChannelsApplication>(catalog.GetApplication("uses-channels"));
        Assert.Same(services.GetRequiredService<IThywillChannels>(), application.Channels);
    }

    private sealed class ChannelsApplication(IThywillChannels channels, IThywillPush push) : ThywillApplication
    {
        public IThywillChannels Channels => channels;

        public IThywillPush Push => push;

        public override ApplicationDescriptor Descriptor { get; } = new("uses-channels", "Uses channels");
    }
}
