using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Storage;
using Thywill.Blazor.Storage.Entities;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Bootstrap;

public sealed class BootstrapComposerTests
{
    private const string AppId = "test-app";

    private static readonly BootstrapResource AppStyle = BootstrapResource.Style("app.css");
    private static readonly BootstrapResource AppScript = BootstrapResource.Script("app.js");

    [Fact]
    public void ComposePage_ContributorsRegisteredOutOfOrder_BootstrapResourcesFollowComponentOrder()
    {
        var application = new TestApplication(AppId, AppStyle, AppScript);

        var page = ScrambledComposer(application).ComposePage(application.Descriptor);

        Assert.Equal(
            new[] { ThywillComponent.ClientInterface, ThywillComponent.Log, ThywillComponent.Push, ThywillComponent.Database, ThywillComponent.Engine }.Select(RecordingContributor.ScriptOf),
            page.BootstrapResources.Select(r => r.Url));
    }

    [Fact]
    public void ComposePage_ApplicationDescriptorResources_ComeAfterEveryBootstrapResource()
    {
        var application = new TestApplication(AppId, AppStyle, AppScript);

        var page = ScrambledComposer(application).ComposePage(application.Descriptor);

        Assert.Equal([AppStyle, AppScript], page.ApplicationResources);
        Assert.Equal(page.BootstrapResources.Concat(page.ApplicationResources), page.All);
        Assert.DoesNotContain(AppScript, page.BootstrapResources);
    }

    [Fact]
    public void ComposePage_ApplicationIsItselfAContributor_ItsResourcesFollowTheDescriptorResources()
    {
        var own = BootstrapResource.Script("own.js");
        var application = new ContributingTestApplication(AppId, own, "p", "v", AppStyle, AppScript);

        var page = ScrambledComposer(application).ComposePage(application.Descriptor);

        Assert.Equal([AppStyle, AppScript, own], page.ApplicationResources);
    }

    [Fact]
    public async Task ComposeClientAsync_ContributorsRegisteredOutOfOrder_RunInComponentOrder()
    {
        var composer = ScrambledComposer(new TestApplication(AppId));

        var configuration = await composer.ComposeClientAsync(Client(AppId), resumed: false, CancellationToken.None);

        Assert.Equal("ClientInterface,Log,Push,Database,Engine", configuration.BootstrapParameters[RecordingContributor.Trail]);
        Assert.False(configuration.ApplicationParameters.ContainsKey(RecordingContributor.Trail));
    }

    [Fact]
    public async Task ComposeClientAsync_ApplicationIsItselfAContributor_RunsAfterFrameworkApplicationContributor()
    {
        var application = new ContributingTestApplication(AppId, BootstrapResource.Script("own.js"), "greeting", "from-application");
        var composer = ScrambledComposer(application, ("greeting", "from-configuration"));

        var configuration = await composer.ComposeClientAsync(Client(AppId), resumed: false, CancellationToken.None);

        Assert.Equal("from-application", configuration.ApplicationParameters["greeting"]);
    }

    [Fact]
    public async Task ComposeClientAsync_FrameworkComponents_PutTheirParametersInBootstrapParameters()
    {
        await using var services = ServicesWith(("Thywill:Messages:MaxMessageBytes", "1000"), ("Thywill:Push:MaxBatchSize", "50"));
        var composer = services.GetRequiredService<BootstrapComposer>();

        var configuration = await composer.ComposeClientAsync(Client("echo"), resumed: false, CancellationToken.None);

        Assert.Equal(1000, configuration.BootstrapParameters["maxMessageBytes"]);
        Assert.Equal(50, configuration.BootstrapParameters["maxBatchSize"]);
        Assert.Equal(true, configuration.BootstrapParameters["forwardBrowserErrors"]);
        Assert.False(configuration.ApplicationParameters.ContainsKey("maxMessageBytes"));
    }

    [Fact]
    public async Task ComposeClientAsync_ConfiguredApplicationParameters_GoToApplicationParameters()
    {
        await using var services = ServicesWith(("Thywill:Applications:echo:Parameters:greeting", "hello"));
        var composer = services.GetRequiredService<BootstrapComposer>();

        var configuration = await composer.ComposeClientAsync(Client("echo"), resumed: true, CancellationToken.None);

        Assert.Equal("hello", configuration.ApplicationParameters["greeting"]);
        Assert.False(configuration.BootstrapParameters.ContainsKey("greeting"));
        Assert.True(configuration.Resumed);
    }

    [Fact]
    public async Task ComposeClientAsync_Echo_ListsThywillJsFirstAndEchoResourcesAsApplicationResources()
    {
        await using var services = ServicesWith();
        var composer = services.GetRequiredService<BootstrapComposer>();

        var configuration = await composer.ComposeClientAsync(Client("echo"), resumed: false, CancellationToken.None);

        Assert.Equal(new ClientConfiguration.ResourceEntry("script", "_content/Thywill.Blazor.Core/thywill.js"), Assert.Single(configuration.BootstrapResources));
        Assert.Equal(
            [new("style", "_content/Thywill.Blazor.Apps/echo/echo.css"), new("script", "_content/Thywill.Blazor.Apps/echo/echo.js")],
            configuration.ApplicationResources);
    }

    [Fact]
    public async Task ComposeClientAsync_RowRecordedByTheConnect_DatabaseParametersComeFromItWithoutAStoreRead()
    {
        await using var services = ServicesWith();
        var composer = services.GetRequiredService<BootstrapComposer>();
        var firstSeen = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var recorded = new StoredClient { Id = "client-x", ApplicationId = "echo", SessionId = "s", FirstSeen = firstSeen, LastSeen = firstSeen, ConnectCount = 7 };

        // The fake store has never seen client-x: what comes out is the recorded row.
        var configuration = await composer.ComposeClientAsync(Client("echo") with { ClientId = "client-x" }, resumed: true, CancellationToken.None, recorded);

        Assert.Equal(firstSeen.ToUnixTimeMilliseconds(), configuration.BootstrapParameters["firstSeen"]);
        Assert.Equal(7, configuration.BootstrapParameters["connectCount"]);
    }

    [Fact]
    public async Task ComposeClientAsync_NoRecordedRow_DatabaseParametersAreReadFromTheStore()
    {
        await using var services = ServicesWith();
        var composer = services.GetRequiredService<BootstrapComposer>();
        var client = Client("echo");
        await services.GetRequiredService<IThywillStore>().RecordConnectAsync(client, CancellationToken.None);
        await services.GetRequiredService<IThywillStore>().RecordConnectAsync(client, CancellationToken.None);

        var configuration = await composer.ComposeClientAsync(client, resumed: true, CancellationToken.None);

        Assert.Equal(2, configuration.BootstrapParameters["connectCount"]);
    }

    [Fact]
    public async Task ComposeClientAsync_UnknownApplication_Throws()
    {
        await using var services = ServicesWith();
        var composer = services.GetRequiredService<BootstrapComposer>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => composer.ComposeClientAsync(Client("nope"), resumed: false, CancellationToken.None));
    }

    private static ClientInfo Client(string applicationId) => new(applicationId, "client-1", "session-1", UserId: null);

    /// <summary>
    /// A composer over a recording contributor per framework component and the framework's own
    /// application contributor, registered in no particular order.
    /// </summary>
    private static BootstrapComposer ScrambledComposer(IThywillApplication application, params (string Key, string Value)[] parameters)
    {
        var options = TestOptions.With(o => o.Applications[application.Descriptor.Id] = new()
        {
            Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
        });
        IBootstrapContributor[] contributors =
        [
            new RecordingContributor(ThywillComponent.Engine),
            new ApplicationContributor(Microsoft.Extensions.Options.Options.Create(options.Applications), new Microsoft.Extensions.DependencyInjection.ServiceCollection().BuildServiceProvider()),
            new RecordingContributor(ThywillComponent.Push),
            new RecordingContributor(ThywillComponent.Database),
            new RecordingContributor(ThywillComponent.ClientInterface),
            new RecordingContributor(ThywillComponent.Log),
        ];
        return new BootstrapComposer(contributors, new ApplicationCatalog([application], Microsoft.Extensions.Options.Options.Create(options.Applications), new TestServer(), new Thywill.Blazor.Channels.DeclaredChannels()));
    }

    private static ServiceProvider ServicesWith(params (string Key, string? Value)[] settings) =>
        TestServices.Build(
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
            services => services.AddSingleton<IThywillStore, FakeThywillStore>());
}
