using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Drain</c>.</summary>
internal sealed class DrainOptionsValidator : IValidateOptions<DrainOptions>
{
    public ValidateOptionsResult Validate(string? name, DrainOptions options)
    {
        var errors = new OptionErrors(DrainOptions.Section);
        if (options.Delay < TimeSpan.Zero || options.Delay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{errors.Key(nameof(options.Delay))} is {options.Delay}; it must be between 00:00:00 and 00:05:00.");
        }

        return errors.Result();
    }
}
