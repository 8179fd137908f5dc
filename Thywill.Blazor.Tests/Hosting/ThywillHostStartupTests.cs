using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>The host refuses to start on a bad <c>Thywill</c> key, and says which.</summary>
[Collection(HostCollection.Name)]
public sealed class ThywillHostStartupTests
{
    [Theory]
    [InlineData("Thywill:Messages:MaxMessageBytes", "10", "Thywill:Messages:MaxMessageBytes")]
    [InlineData("Thywill:Push:OutboxCapacity", "0", "Thywill:Push:OutboxCapacity")]
    [InlineData("Thywill:Applications:nope:Enabled", "true", "Thywill:Applications:nope")]
    public async Task Start_BadKey_FailsNamingTheKey(string key, string value, string named)
    {
        await using var factory = new ThywillHostFactory((key, value));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShippedConfiguration_ServesEveryExampleApplication()
    {
        await using var factory = new ThywillHostFactory();
        using var client = factory.CreateClient();

        using var echo = await client.GetAsync(new Uri("/thywill/init/echo", UriKind.Relative));
        using var echoRazor = await client.GetAsync(new Uri("/thywill/init/echo-razor", UriKind.Relative));
        using var chat = await client.GetAsync(new Uri("/thywill/init/chat", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, echoRazor.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, chat.StatusCode);
    }
}
