using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>
/// Validates <c>Thywill:Keys</c>. A key folder is also created and written to here, at start-up:
/// a read-only folder would otherwise surface only at the first new session, as a failed page.
/// </summary>
internal sealed class KeyOptionsValidator(IOptions<DatabaseOptions> database, IOptions<EngineOptions> engine, IHostEnvironment environment) : IValidateOptions<KeyOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyOptions options)
    {
        var errors = new OptionErrors(KeyOptions.Section);
        if (options.Store is { } configured)
        {
            errors.Defined<KeyStore>(nameof(options.Store), configured);
        }

        var engineOptions = Engine();
        var store = engineOptions is null ? options.Store ?? KeyStore.Directory : options.StoreFor(engineOptions);
        var redisEngine = engineOptions?.Provider == EngineProvider.Redis;
        if (store == KeyStore.Redis && engineOptions is not null && !redisEngine)
        {
            errors.Add($"{errors.Key(nameof(options.Store))} is Redis, but Thywill:{EngineOptions.Section}:{nameof(EngineOptions.Provider)} is {engineOptions.Provider}; the key ring can be kept in Redis only with the Redis engine.");
        }

        if (store == KeyStore.Ephemeral && redisEngine && environment.IsProduction())
        {
            // Every node would sign with keys of its own: a cookie or resume token from one is forged on the others.
            errors.Add($"{errors.Key(nameof(options.Store))} is Ephemeral on the Redis engine in Production; nodes sharing an engine must share the key ring: leave it unset (Redis) or set Database.");
        }

        if (store == KeyStore.Directory && Database() is { } databaseOptions)
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

    // The default store follows the engine; a bad engine section is its own validator's to report.
    private EngineOptions? Engine()
    {
        try
        {
            return engine.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
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
