using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Validates <c>Host:PerAddress</c>.</summary>
internal sealed class PerAddressOptionsValidator : IValidateOptions<PerAddressOptions>
{
    private const int Most = 10_000_000;

    public ValidateOptionsResult Validate(string? name, PerAddressOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(options.MaxConnections), options.MaxConnections);
        Check(errors, nameof(options.BootstrapsPerSecond), options.BootstrapsPerSecond);
        Check(errors, nameof(options.BootstrapBurst), options.BootstrapBurst);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string name, int value)
    {
        if (value is < 1 or > Most)
        {
            errors.Add($"{PerAddressOptions.Section}:{name} is {value}; it must be between 1 and {Most}.");
        }
    }
}
