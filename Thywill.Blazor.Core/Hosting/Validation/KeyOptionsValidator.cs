using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>
/// Validates <c>Thywill:Keys</c>. A key folder is also created and written to here, at start-up:
/// a read-only folder would otherwise surface only at the first new session, as a failed page.
/// </summary>
internal sealed class KeyOptionsValidator(IOptions<DatabaseOptions> database, IHostEnvironment environment) : IValidateOptions<KeyOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyOptions options)
    {
        var errors = new OptionErrors(KeyOptions.Section);
        errors.Defined<KeyStore>(nameof(options.Store), options.Store);
        if (options.Store == KeyStore.Directory && Database() is { } databaseOptions)
        {
            var folder = "";
            try
            {
                folder = KeyRing.ResolveDirectory(options, databaseOptions, environment.ContentRootPath);
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{errors.Key(nameof(options.Directory))} is '{options.Directory ?? folder}' ({folder}); the key ring's folder must be writable: {ex.Message}");
            }
        }

        return errors.Result();
    }

    // The default folder follows the database; a bad database section is its own validator's to report.
    private DatabaseOptions? Database()
    {
        try
        {
            return database.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
