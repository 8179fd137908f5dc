using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Engine</c>.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var errors = new OptionErrors(EngineOptions.Section);
        errors.Range(nameof(options.HistorySize), options.HistorySize, 0, 10_000_000);
        errors.Positive(nameof(options.HistoryAge), options.HistoryAge);
        errors.Range(nameof(options.HistoryMaxBytes), options.HistoryMaxBytes, 0, 1L << 32);
        errors.Positive(nameof(options.SweepInterval), options.SweepInterval);
        errors.Defined<EngineProvider>(nameof(options.Provider), options.Provider);
        return errors.Result();
    }
}
