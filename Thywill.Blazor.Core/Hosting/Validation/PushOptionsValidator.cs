using Microsoft.Extensions.Options;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Push</c>.</summary>
internal sealed class PushOptionsValidator : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        var errors = new OptionErrors(PushOptions.Section);
        errors.Range(nameof(options.OutboxCapacity), options.OutboxCapacity, 1, 10_000_000);
        errors.Range(nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000);
        errors.Range(nameof(options.OutboxMaxBytes), options.OutboxMaxBytes, 1024 * 1024, 1L << 32);
        errors.Range(nameof(options.MaxBatchBytes), options.MaxBatchBytes, 64 * 1024, Math.Max(64 * 1024, options.OutboxMaxBytes));
        errors.Defined<OutboxFullPolicy>(nameof(options.OutboxFullPolicy), options.OutboxFullPolicy);
        return errors.Result();
    }
}
