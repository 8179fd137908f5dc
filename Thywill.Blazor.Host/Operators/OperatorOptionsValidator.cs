using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Host.Operators;

/// <summary>
/// Validates <c>Thywill:Operator</c>. The keys of the retired <c>/operator/metrics</c> are refused
/// rather than ignored, so that a scraper configured for it is moved to <c>/metrics</c>, not left blind.
/// </summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled || options.MetricsNetworks.Count > 0)
        {
            errors.Add($"{OperatorOptions.Section}:{(options.Enabled ? nameof(options.Enabled) : nameof(options.MetricsNetworks))} is set, but /operator/metrics is gone: "
                + "scrape /metrics instead, and list the scrapers' networks in Thywill:Metrics:AllowedNetworks (docs/operations.md).");
        }

        if (options.SignInAttemptsPerMinute is < 1 or > 1_000)
        {
            errors.Add($"{OperatorOptions.Section}:{nameof(options.SignInAttemptsPerMinute)} must be 1 to 1000 (it is {options.SignInAttemptsPerMinute}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
