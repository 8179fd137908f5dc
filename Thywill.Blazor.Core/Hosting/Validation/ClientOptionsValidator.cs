using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Clients</c>.</summary>
internal sealed class ClientOptionsValidator : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        var errors = new OptionErrors(ClientOptions.Section);
        errors.Positive(nameof(options.ResumeTokenLifetime), options.ResumeTokenLifetime);
        errors.Positive(nameof(options.BootstrapTimeout), options.BootstrapTimeout);
        errors.Positive(nameof(options.SessionLifetime), options.SessionLifetime);
        errors.Positive(nameof(options.AwayRetention), options.AwayRetention);
        if (string.IsNullOrWhiteSpace(options.SessionCookieName)
            || options.SessionCookieName.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '='))
        {
            errors.Add($"{errors.Key(nameof(options.SessionCookieName))} is '{options.SessionCookieName}'; it must be a non-empty cookie name without spaces, ';', ',' or '='.");
        }

        return errors.Result();
    }
}
