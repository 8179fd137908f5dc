using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Messages</c>.</summary>
internal sealed class MessageOptionsValidator : IValidateOptions<MessageOptions>
{
    public ValidateOptionsResult Validate(string? name, MessageOptions options)
    {
        var errors = new OptionErrors(MessageOptions.Section);
        // The circuit hub's receive limit is sized from this for every anonymous connection: 1 MB at most.
        errors.Range(nameof(options.MaxMessageBytes), options.MaxMessageBytes, 256, MessageOptions.MaxAllowedMessageBytes);
        errors.Range(nameof(options.RateLimitPerSecond), options.RateLimitPerSecond, 1, 1_000_000);
        errors.Range(nameof(options.RateLimitBurst), options.RateLimitBurst, 1, 1_000_000);
        return errors.Result();
    }
}
