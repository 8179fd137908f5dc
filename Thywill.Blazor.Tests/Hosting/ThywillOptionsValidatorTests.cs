using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

public sealed class ThywillOptionsValidatorTests
{
    [Fact]
    public void Validate_NoConfiguration_DefaultsPass()
    {
        using var services = TestServices.Build();

        var options = services.GetRequiredService<IOptions<ThywillOptions>>().Value;

        Assert.Equal(64 * 1024, options.Messages.MaxMessageBytes);
        Assert.Equal(OutboxFullPolicy.Disconnect, options.Push.OutboxFullPolicy);
        Assert.Empty(options.Applications);
    }

    [Fact]
    public void Validate_ConfiguredRegisteredApplications_Pass()
    {
        using var services = TestServices.Build(
        [
            new("Thywill:Applications:echo:Enabled", "true"),
            new("Thywill:Applications:echo-razor:Parameters:greeting", "hi"),
        ]);

        var options = services.GetRequiredService<IOptions<ThywillOptions>>().Value;

        Assert.Equal("hi", options.Applications["echo-razor"].Parameters["greeting"]);
    }

    [Theory]
    [InlineData("Thywill:Messages:MaxMessageBytes", "10")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "0")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "16777217")]
    [InlineData("Thywill:Messages:RateLimitPerSecond", "0")]
    [InlineData("Thywill:Messages:RateLimitBurst", "-1")]
    [InlineData("Thywill:Push:OutboxCapacity", "0")]
    [InlineData("Thywill:Push:OutboxCapacity", "-5")]
    [InlineData("Thywill:Push:MaxBatchSize", "0")]
    [InlineData("Thywill:Push:OutboxFullPolicy", "7")]
    [InlineData("Thywill:Engine:HistorySize", "-1")]
    [InlineData("Thywill:Engine:HistoryAge", "00:00:00")]
    [InlineData("Thywill:Clients:BootstrapTimeout", "00:00:00")]
    [InlineData("Thywill:Clients:BootstrapTimeout", "-00:00:05")]
    [InlineData("Thywill:Clients:ResumeTokenLifetime", "-1.00:00:00")]
    [InlineData("Thywill:Clients:SessionLifetime", "00:00:00")]
    [InlineData("Thywill:Clients:SessionCookieName", "a b")]
    [InlineData("Thywill:Clients:SessionCookieName", "sid;")]
    [InlineData("Thywill:Database:ConnectionString", " ")]
    public void Validate_ValueOutOfRange_FailsNamingTheKey(string key, string value)
    {
        using var services = TestServices.Build(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ThywillOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownApplicationId_FailsNamingTheKeyAndTheRegisteredIds()
    {
        using var services = TestServices.Build("Thywill:Applications:nope:Enabled", "true");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ThywillOptions>>().Value);

        Assert.Contains("Thywill:Applications:nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("echo, echo-razor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadKeys_NamesEveryOne()
    {
        using var services = TestServices.Build(
        [
            new("Thywill:Messages:MaxMessageBytes", "10"),
            new("Thywill:Push:OutboxCapacity", "0"),
        ]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ThywillOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Thywill:Messages:MaxMessageBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Thywill:Push:OutboxCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_BadKey_FailsStartupValidationNamingTheKey()
    {
        using var services = TestServices.Build("Thywill:Push:OutboxCapacity", "0");

        // What the host runs before any hosted service starts.
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Thywill:Push:OutboxCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnparsableEnum_FailsNamingTheKey()
    {
        using var services = TestServices.Build("Thywill:Push:OutboxFullPolicy", "Sometimes");

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<ThywillOptions>>().Value);

        Assert.Contains("Thywill:Push:OutboxFullPolicy", error.Message, StringComparison.Ordinal);
    }
}
