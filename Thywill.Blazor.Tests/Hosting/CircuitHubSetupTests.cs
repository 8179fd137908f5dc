using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

public sealed class CircuitHubSetupTests
{
    [Theory]
    [InlineData(null, 64 * 1024)]
    [InlineData("1048576", 1024 * 1024)]
    public async Task CircuitHubOptions_AfterTheOptionsAreValidated_FitTheLargestAllowedMessage(string? configured, int maxMessageBytes)
    {
        // A key set to null binds as 0, so the default case configures nothing at all.
        await using var services = configured is null
            ? TestServices.Build()
            : TestServices.Build("Thywill:Messages:MaxMessageBytes", configured);

        // The host validates the options at start, before any circuit connects.
        _ = services.GetRequiredService<IOptions<MessageOptions>>().Value;
        var hub = CircuitHubOptions(services);

        Assert.Equal(CircuitHubSetup.For(maxMessageBytes), hub.MaximumReceiveMessageSize);
        Assert.True(hub.MaximumReceiveMessageSize > maxMessageBytes * 2L);
    }

    // Blazor's hub type is internal: the test finds the hub options registered for it (the
    // framework itself only uses the public AddHubOptions).
    private static HubOptions CircuitHubOptions(IServiceProvider services)
    {
        var hubType = typeof(Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hubType));
        var options = services.GetRequiredService(optionsType);
        return (HubOptions)optionsType.GetProperty("Value")!.GetValue(options)!;
    }
}
