using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

public sealed class ThywillServiceCollectionExtensionsTests
{
    // The failure this guards against was a hang (a dependency cycle through factories), not an exception.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_ApplicationWithServices_ValidatesOptionsBuildsTheCatalogAndBindsTheApplication()
    {
        await using var services = TestServices.Build(replace: s => s.AddThywillApplication<ServerSideApplication>());
        var application = services.GetRequiredService<ServerSideApplication>();
        Assert.Throws<InvalidOperationException>(() => application.Push);

        // As the host starts: options first, then the hosted services, which build the catalog.
        var catalog = await Task.Run(() =>
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            _ = services.GetServices<IHostedService>().ToArray();
            return services.GetRequiredService<IApplicationCatalog>();
        }).WaitAsync(Patience);

        Assert.Same(application, catalog.GetApplication("server-side"));
        var sent = await application.Push.BroadcastAsync("hello");
        var published = await application.Channels.PublishAsync("room", "hi");
        Assert.Equal("server-side", sent.Channel.ApplicationId);
        Assert.Equal(new Thywill.Blazor.Engine.ChannelKey("server-side", "room"), published.Channel);
    }

    [Fact]
    public async Task Server_AnotherApplication_GetsItsOwnScope()
    {
        await using var services = TestServices.Build();
        var server = services.GetRequiredService<IThywillServer>();

        var published = await server.Channels("echo").PublishAsync("room", "hi");

        Assert.Equal("echo", published.Channel.ApplicationId);
        Assert.Throws<ArgumentException>(() => server.Push("Not An Id"));
    }

    private sealed class ServerSideApplication : ThywillApplication
    {
        public override ApplicationDescriptor Descriptor { get; } = new("server-side", "Server side");
    }
}
