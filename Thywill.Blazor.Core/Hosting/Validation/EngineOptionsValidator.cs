using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>Validates <c>Thywill:Engine</c>.</summary>
internal sealed class EngineOptionsValidator(IOptions<DatabaseOptions> database) : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var errors = new OptionErrors(EngineOptions.Section);
        errors.Range(nameof(options.HistorySize), options.HistorySize, 0, 10_000_000);
        errors.Positive(nameof(options.HistoryAge), options.HistoryAge);
        errors.Range(nameof(options.HistoryMaxBytes), options.HistoryMaxBytes, 0, 1L << 32);
        errors.Positive(nameof(options.SweepInterval), options.SweepInterval);
        errors.Defined<EngineProvider>(nameof(options.Provider), options.Provider);
        if (options.Provider == EngineProvider.Redis)
        {
            ValidateRedis(errors, options.Redis);
            if (Database()?.Provider == DatabaseProvider.Sqlite)
            {
                // A SQLite file belongs to one machine: the nodes' archives and sessions would part ways.
                errors.Add($"{errors.Key(nameof(options.Provider))} is Redis (many nodes), but Thywill:{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is Sqlite; nodes sharing an engine must share a database: set it to PostgreSql or SqlServer.");
            }
        }

        return errors.Result();
    }

    // A bad database section is its own validator's to report.
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

    private static void ValidateRedis(OptionErrors errors, RedisEngineOptions redis)
    {
        const string prefix = RedisEngineOptions.Section + ":";
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            errors.Add($"{errors.Key(prefix + nameof(redis.Configuration))} is not set; the Redis engine needs a StackExchange.Redis configuration string such as 127.0.0.1:6379.");
        }
        else
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            }
            catch (ArgumentException e)
            {
                errors.Add($"{errors.Key(prefix + nameof(redis.Configuration))} cannot be read: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(redis.Prefix) || redis.Prefix.Length > 64 || redis.Prefix.Any(c => c is ':' or '{' or '}' || char.IsWhiteSpace(c)))
        {
            errors.Add($"{errors.Key(prefix + nameof(redis.Prefix))} is '{redis.Prefix}'; it must be 1 to 64 characters without ':', braces or spaces.");
        }

        errors.Positive(prefix + nameof(redis.ChannelTtl), redis.ChannelTtl);
        errors.Positive(prefix + nameof(redis.PresenceTtl), redis.PresenceTtl);
        errors.Positive(prefix + nameof(redis.CheckInterval), redis.CheckInterval);
        errors.Positive(prefix + nameof(redis.NodeTtl), redis.NodeTtl);
        errors.Positive(prefix + nameof(redis.CommandTimeout), redis.CommandTimeout);
        if (redis.CheckInterval * 2 > redis.PresenceTtl)
        {
            errors.Add($"{errors.Key(prefix + nameof(redis.PresenceTtl))} is {redis.PresenceTtl}; it must be at least twice {errors.Key(prefix + nameof(redis.CheckInterval))} ({redis.CheckInterval}), or live members would expire between refreshes.");
        }
    }
}
