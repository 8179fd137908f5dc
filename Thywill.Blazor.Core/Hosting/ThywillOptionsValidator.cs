using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// Validates <see cref="ThywillOptions"/> at start-up. Every failure names the configuration key
/// (for example <c>Thywill:Messages:MaxMessageBytes</c>) so an operator can fix it at once.
/// </summary>
/// <remarks>
/// The applications are resolved when validating, not injected: the options factory builds its
/// validators eagerly, and applications depend on services that depend on these options.
/// </remarks>
internal sealed class ThywillOptionsValidator(IServiceProvider services) : IValidateOptions<ThywillOptions>
{
    private const string Root = ThywillOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ThywillOptions options)
    {
        var errors = new List<string>();

        Range(errors, "Messages:MaxMessageBytes", options.Messages.MaxMessageBytes, 256, 16 * 1024 * 1024);
        Range(errors, "Messages:RateLimitPerSecond", options.Messages.RateLimitPerSecond, 1, 1_000_000);
        Range(errors, "Messages:RateLimitBurst", options.Messages.RateLimitBurst, 1, 1_000_000);
        Range(errors, "Push:OutboxCapacity", options.Push.OutboxCapacity, 1, 10_000_000);
        Range(errors, "Push:MaxBatchSize", options.Push.MaxBatchSize, 1, 100_000);
        Defined(errors, "Push:OutboxFullPolicy", options.Push.OutboxFullPolicy);
        Range(errors, "Engine:HistorySize", options.Engine.HistorySize, 0, 10_000_000);
        Positive(errors, "Engine:HistoryAge", options.Engine.HistoryAge);
        Positive(errors, "Engine:SweepInterval", options.Engine.SweepInterval);
        Defined(errors, "Engine:Provider", options.Engine.Provider);
        Positive(errors, "Clients:ResumeTokenLifetime", options.Clients.ResumeTokenLifetime);
        Positive(errors, "Clients:BootstrapTimeout", options.Clients.BootstrapTimeout);
        Positive(errors, "Clients:SessionLifetime", options.Clients.SessionLifetime);
        if (string.IsNullOrWhiteSpace(options.Clients.SessionCookieName)
            || options.Clients.SessionCookieName.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '='))
        {
            errors.Add($"{Root}:Clients:SessionCookieName must be a non-empty cookie name without spaces, ';', ',' or '='.");
        }

        Defined(errors, "Database:Provider", options.Database.Provider);
        if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            errors.Add($"{Root}:Database:ConnectionString is required.");
        }

        var registered = services.GetServices<IThywillApplication>().Select(a => a.Descriptor.Id).Order(StringComparer.Ordinal).ToArray();
        foreach (var (appId, app) in options.Applications)
        {
            if (app.Name is not null)
            {
                if (registered.Contains(appId, StringComparer.Ordinal))
                {
                    errors.Add($"{Root}:Applications:{appId}:Name is set, but '{appId}' is registered in code; a configuration-only application needs an id of its own.");
                }

                if (!ApplicationDescriptor.IsValidId(appId))
                {
                    errors.Add($"{Root}:Applications:{appId} is not a valid application id: use 1-64 lower-case letters, digits and dashes.");
                }

                if (string.IsNullOrWhiteSpace(app.Name))
                {
                    errors.Add($"{Root}:Applications:{appId}:Name must not be empty.");
                }

                for (var i = 0; i < app.Resources.Count; i++)
                {
                    if (ConfiguredApplication.ResourceOf(app.Resources[i]) is null)
                    {
                        errors.Add($"{Root}:Applications:{appId}:Resources:{i} ('{app.Resources[i]}') must be a .js or .css URL.");
                    }
                }
            }
            else if (!registered.Contains(appId, StringComparer.Ordinal))
            {
                errors.Add($"{Root}:Applications:{appId} names no registered application (registered: {string.Join(", ", registered)}).");
            }
        }

        foreach (var (appId, app) in options.Applications)
        {
            for (var i = 0; i < app.Channels.Count; i++)
            {
                var rule = app.Channels[i];
                var key = $"Applications:{appId}:Channels:{i}";
                if (!ChannelNames.IsValidPattern(rule.Pattern))
                {
                    errors.Add($"{Root}:{key}:Pattern ('{rule.Pattern}') is not a valid channel pattern: use a name of letters, digits and _-:.@# (not starting with $), optionally ending in *.");
                }

                if (rule.HistorySize is { } size)
                {
                    Range(errors, key + ":HistorySize", size, 0, 10_000_000);
                }

                if (rule.HistoryAge is { } age)
                {
                    Positive(errors, key + ":HistoryAge", age);
                }
            }
        }

        Positive(errors, "Rpc:Timeout", options.Rpc.Timeout);
        Range(errors, "Rpc:MaxConcurrentCallsPerClient", options.Rpc.MaxConcurrentCallsPerClient, 1, 10_000);
        Positive(errors, "Channels:PresenceGracePeriod", options.Channels.PresenceGracePeriod);
        Range(errors, "Channels:MaxChannelsPerClient", options.Channels.MaxChannelsPerClient, 1, 100_000);
        Range(errors, "Channels:MaxPresenceInfoBytes", options.Channels.MaxPresenceInfoBytes, 0, 64 * 1024);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Root}:{key} is {value}; it must be between {min} and {max}.");
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Root}:{key} is {value}; it must be a positive duration.");
        }
    }

    private static void Defined<TEnum>(List<string> errors, string key, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"{Root}:{key} is '{value}'; it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}
