using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>
/// The framework as a host wires it: <c>AddThywill</c> over in-memory configuration plus the example
/// applications, with logging, a host environment rooted in the temp folder and keys in memory.
/// </summary>
internal static class TestServices
{
    /// <summary>Builds the services.</summary>
    /// <param name="settings">Configuration keys, written in full (<c>Thywill:Messages:MaxMessageBytes</c>).</param>
    /// <param name="replace">Registrations added after the framework's; the last registration wins.</param>
    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? [])
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(Path.GetTempPath()));
        services.AddThywill(configuration.GetSection("Thywill")).AddExampleApplications();

        // Keys in memory: nothing is written to the user's key ring.
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Builds the services from one configuration key.</summary>
    public static ServiceProvider Build(string key, string? value) =>
        Build([new KeyValuePair<string, string?>(key, value)]);
}
