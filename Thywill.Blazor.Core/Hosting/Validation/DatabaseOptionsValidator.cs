using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Database</c>.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new OptionErrors(DatabaseOptions.Section);
        errors.Defined<DatabaseProvider>(nameof(options.Provider), options.Provider);
        errors.Positive(nameof(options.Retention), options.Retention);
        errors.Positive(nameof(options.CleanupInterval), options.CleanupInterval);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{errors.Key(nameof(options.ConnectionString))} is required.");
        }

        return errors.Result();
    }
}
