using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>
/// Validates <c>Thywill:Applications</c> on its own: ids, names and resources of configuration-only
/// applications, and every channel rule. Whether a key names a registered application is checked by
/// the catalog, which knows the applications (<see cref="ApplicationCatalog"/>).
/// </summary>
internal sealed class ApplicationsOptionsValidator : IValidateOptions<ApplicationsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicationsOptions options)
    {
        var errors = new OptionErrors(ApplicationsOptions.Section);
        foreach (var (appId, app) in options)
        {
            if (app.Name is not null)
            {
                if (!ApplicationDescriptor.IsValidId(appId))
                {
                    errors.Add($"{errors.Key(appId)} is not a valid application id: use 1-64 lower-case letters, digits and dashes.");
                }

                if (string.IsNullOrWhiteSpace(app.Name))
                {
                    errors.Add($"{errors.Key(appId)}:Name must not be empty.");
                }

                for (var i = 0; i < app.Resources.Count; i++)
                {
                    if (ConfiguredApplication.ResourceOf(app.Resources[i]) is null)
                    {
                        errors.Add($"{errors.Key(appId)}:Resources:{i} ('{app.Resources[i]}') must be a .js or .css URL.");
                    }
                }
            }

            for (var i = 0; i < app.Channels.Count; i++)
            {
                var rule = app.Channels[i];
                var key = $"{appId}:Channels:{i}";
                if (!ChannelNames.IsValidPattern(rule.Pattern))
                {
                    errors.Add($"{errors.Key(key)}:Pattern ('{rule.Pattern}') is not a valid channel pattern: use a name of letters, digits and _-:.@# (not starting with $), optionally ending in *.");
                }

                if (rule.HistorySize is { } size)
                {
                    errors.Range(key + ":HistorySize", size, 0, 10_000_000);
                }

                if (rule.HistoryMaxBytes is { } bytes)
                {
                    errors.Range(key + ":HistoryMaxBytes", bytes, 0, 1L << 32);
                }

                if (rule.HistoryAge is { } age)
                {
                    errors.Positive(key + ":HistoryAge", age);
                }
            }
        }

        return errors.Result();
    }
}
