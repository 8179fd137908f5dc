using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Push;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

/// <summary>
/// Every <c>Thywill</c> subsection is validated on its own when the host starts (what
/// <see cref="IStartupValidator"/> runs), and <c>Thywill:Applications</c> once more against the
/// registered applications when the catalog is built.
/// </summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Validate_NoConfiguration_DefaultsPass()
    {
        await using var services = TestServices.Build();

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(64 * 1024, services.GetRequiredService<IOptions<MessageOptions>>().Value.MaxMessageBytes);
        Assert.Equal(OutboxFullPolicy.Disconnect, services.GetRequiredService<IOptions<PushOptions>>().Value.OutboxFullPolicy);
        Assert.Empty(services.GetRequiredService<IOptions<ApplicationsOptions>>().Value);
    }

    [Fact]
    public async Task Validate_ConfiguredRegisteredApplications_Pass()
    {
        await using var services = TestServices.Build(
        [
            new("Thywill:Applications:echo:Enabled", "true"),
            new("Thywill:Applications:echo-razor:Parameters:greeting", "hi"),
        ]);

        services.GetRequiredService<IStartupValidator>().Validate();
        _ = services.GetRequiredService<IApplicationCatalog>();

        Assert.Equal("hi", services.GetRequiredService<IOptions<ApplicationsOptions>>().Value["echo-razor"].Parameters["greeting"]);
    }


    [Theory]
    [InlineData("Thywill:Messages:MaxMessageBytes", "10")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "0")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "16777217")]
    [InlineData("Thywill:Messages:MaxMessageBytes", "1048577")]
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
    [InlineData("Thywill:Keys:Store", "7")]
    public async Task Validate_ValueOutOfRange_FailsNamingTheKey(string key, string value)
    {
        await using var services = TestServices.Build(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thywill:Applications:radio:Name", " ", "Thywill:Applications:radio:Name must not be empty")]
    [InlineData("Thywill:Applications:bad_id:Name", "Bad", "Thywill:Applications:bad_id is not a valid application id")]
    [InlineData("Thywill:Applications:radio:Resources:0", "radio.exe", "Thywill:Applications:radio:Resources:0 ('radio.exe') must be a .js or .css URL")]
    [InlineData("Thywill:Applications:echo:Channels:0:Pattern", "$client:*", "Thywill:Applications:echo:Channels:0:Pattern ('$client:*') is not a valid channel pattern")]
    [InlineData("Thywill:Applications:echo:Channels:0:HistorySize", "-1", "Thywill:Applications:echo:Channels:0:HistorySize is -1")]
    public async Task Validate_BadApplicationSettings_FailNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // A configuration-only application the resource case refines, and a valid pattern the
            // history case refines.
            ["Thywill:Applications:radio:Name"] = "Radio",
            ["Thywill:Applications:echo:Channels:0:Pattern"] = "room:*",
        };
        settings[key] = value;
        await using var services = TestServices.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildCatalog_UnknownApplicationId_FailsNamingTheKeyAndTheRegisteredIds()
    {
        await using var services = TestServices.Build("Thywill:Applications:nope:Enabled", "true");
        services.GetRequiredService<IStartupValidator>().Validate();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IApplicationCatalog>());

        Assert.Contains("Thywill:Applications:nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("echo, echo-razor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildCatalog_NameGivenToARegisteredApplication_Fails()
    {
        await using var services = TestServices.Build("Thywill:Applications:echo:Name", "Another echo");
        services.GetRequiredService<IStartupValidator>().Validate();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IApplicationCatalog>());

        Assert.Contains("Thywill:Applications:echo:Name is set, but 'echo' is registered in code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_KeyDirectoryNotWritable_FailsNamingTheKey()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "");
        var keys = Path.Combine(file, "keys");
        await using var services = TestServices.Build("Thywill:Keys:Directory", keys);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Thywill:Keys:Directory is '{keys}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be writable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LargestAllowedMessage_Passes()
    {
        await using var services = TestServices.Build("Thywill:Messages:MaxMessageBytes", "1048576");

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task Validate_SeveralBadKeysInASection_NamesEveryOne()
    {
        await using var services = TestServices.Build(
        [
            new("Thywill:Messages:MaxMessageBytes", "10"),
            new("Thywill:Messages:RateLimitPerSecond", "0"),
        ]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Thywill:Messages:MaxMessageBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Thywill:Messages:RateLimitPerSecond", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadKeysInSeveralSections_NamesEveryOne()
    {
        await using var services = TestServices.Build(
        [
            new("Thywill:Messages:MaxMessageBytes", "10"),
            new("Thywill:Push:OutboxCapacity", "0"),
        ]);

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Thywill:Messages:MaxMessageBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Thywill:Push:OutboxCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_UnparsableEnum_FailsNamingTheKey()
    {
        await using var services = TestServices.Build("Thywill:Push:OutboxFullPolicy", "Sometimes");

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<PushOptions>>().Value);

        Assert.Contains("Thywill:Push:OutboxFullPolicy", error.Message, StringComparison.Ordinal);
    }
}
