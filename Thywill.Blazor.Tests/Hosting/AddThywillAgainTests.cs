using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Apps.Chat;
using Thywill.Blazor.Apps.Echo;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// A host's own set-up calls <c>AddThywill</c>, and its <c>Program.cs</c> calls it again to add the
/// applications: the second call registers nothing twice, and the applications of both compose.
/// </summary>
public sealed class AddThywillAgainTests
{
    [Fact]
    public async Task AddThywill_Twice_RegistersOnce_AndTheApplicationsOfBothBuildersCompose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Thywill:Applications:relay:Name"] = "Relay",
            ["Thywill:Applications:relay:Channels:0:Pattern"] = "room:*",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(Path.GetTempPath()));
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());

        services.AddThywill(configuration.GetSection("Thywill")).AddApplication<EchoApplication>();
        var count = services.Count;
        services.AddThywill(configuration.GetSection("Thywill")).AddApplication<ChatApplication>().AddApplication<EchoApplication>();
        services.AddThywill().AddApplication<ChatApplication>();

        // Only the application registrations were added (two for chat: itself and as an application).
        Assert.Equal(count + 2, services.Count);
        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<IApplicationCatalog>();
        Assert.Equal(["chat", "echo", "relay"], catalog.All.Select(a => a.Id));
        Assert.Single(provider.GetRequiredService<IOptions<ApplicationsOptions>>().Value["relay"].Channels);
        var checks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToArray();
        Assert.Equal(checks.Distinct().Count(), checks.Length);
    }

    [Fact]
    public void AddThywill_AgainWithAnotherSection_IsRefusedNamingBoth()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddThywill(configuration.GetSection("Thywill"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddThywill(configuration.GetSection("Other")));

        Assert.Contains("'Other'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Thywill'", error.Message, StringComparison.Ordinal);
    }
}
