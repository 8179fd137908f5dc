using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:RateLimits</c>.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new OptionErrors(RateLimitOptions.Section);
        foreach (var (operation, budget) in new[] { ("Publish", options.Publish), ("Join", options.Join), ("Call", options.Call) })
        {
            errors.Range(operation + ":PerSecond", budget.PerSecond, 1, 1_000_000);
            errors.Range(operation + ":Burst", budget.Burst, 1, 1_000_000);
        }

        errors.Range("Bytes:PerSecond", options.Bytes.PerSecond, 1024, 1 << 30);
        errors.Range("Bytes:Burst", options.Bytes.Burst, 1024, 1 << 30);
        return errors.Result();
    }
}
