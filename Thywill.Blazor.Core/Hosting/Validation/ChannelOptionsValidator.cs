using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Channels</c>.</summary>
internal sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        var errors = new OptionErrors(ChannelOptions.Section);
        errors.Positive(nameof(options.PresenceGracePeriod), options.PresenceGracePeriod);
        errors.Range(nameof(options.MaxChannelsPerClient), options.MaxChannelsPerClient, 1, 100_000);
        errors.Range(nameof(options.MaxPresenceInfoBytes), options.MaxPresenceInfoBytes, 0, 64 * 1024);
        errors.Range(nameof(options.MaxChannelsPerApplication), options.MaxChannelsPerApplication, 1, 100_000_000);
        errors.Range(nameof(options.MaxPresenceMembers), options.MaxPresenceMembers, 1, 10_000_000);
        errors.Positive(nameof(options.IdleRetention), options.IdleRetention);
        return errors.Result();
    }
}
