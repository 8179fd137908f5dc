using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;

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
        foreach (var appId in options.Applications.Keys)
        {
            if (!registered.Contains(appId, StringComparer.Ordinal))
            {
                errors.Add($"{Root}:Applications:{appId} names no registered application (registered: {string.Join(", ", registered)}).");
            }
        }

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
