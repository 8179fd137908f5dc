using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Resolves the rule of a channel: the application's declared rules (<see cref="ChannelDeclaration"/>)
/// under <c>Thywill:Applications:{app}:Channels</c>, pattern by pattern (a configured setting wins, one
/// left out keeps the declared value); then an exact name wins, else the longest matching prefix.
/// Framework channels (<c>$client:…</c>, <c>$broadcast</c>, …) get a fixed rule: no browser may join or
/// publish; history from the engine's defaults.
/// </summary>
internal sealed class ChannelRules(IOptionsMonitor<ApplicationsOptions> applications, IOptionsMonitor<EngineOptions> engine, DeclaredChannels declared)
{
    /// <summary>The rule for a channel, or <see langword="null"/> when no pattern matches (an unknown channel).</summary>
    /// <param name="channel">The channel.</param>
    public ChannelRule? Find(ChannelKey channel)
    {
        var defaults = engine.CurrentValue;
        if (channel.Name.StartsWith('$'))
        {
            return new ChannelRule(channel.Name, Join: false, Publish: false, Presence: false, defaults.HistorySize, defaults.HistoryAge, Archive: false, defaults.HistoryMaxBytes);
        }

        ChannelRule? best = null;
        foreach (var rule in RulesOf(channel.ApplicationId))
        {
            // Exact beats any wildcard; among wildcards the longest prefix wins.
            if (ChannelNames.Matches(rule.Pattern, channel.Name) && (best is null || Score(rule.Pattern) > Score(best.Pattern)))
            {
                best = rule;
            }
        }

        return best;
    }

    /// <summary>
    /// The rules in force for an application (declared ones first, in their order, then the patterns
    /// only configuration has), with the engine's defaults filled in.
    /// </summary>
    /// <param name="applicationId">The application.</param>
    public IReadOnlyList<ChannelRule> RulesOf(string applicationId)
    {
        // Resolved once per application and configuration (a reload brings new option instances):
        // every join and publish looks its rule up.
        var settings = applications.CurrentValue;
        var defaults = engine.CurrentValue;
        var generation = declared.Generation;
        var cache = _cache;
        if (!ReferenceEquals(cache.Applications, settings) || !ReferenceEquals(cache.Engine, defaults) || cache.Generation != generation)
        {
            cache = new RuleCache(settings, defaults, generation, new ConcurrentDictionary<string, IReadOnlyList<ChannelRule>>(StringComparer.Ordinal));
            _cache = cache;
        }

        // TryGetValue first: a factory capturing the options would allocate on every lookup.
        return cache.Rules.TryGetValue(applicationId, out var rules)
            ? rules
            : cache.Rules.GetOrAdd(applicationId, Resolve(applicationId, settings, defaults));
    }

    private volatile RuleCache _cache = new(null, null, -1, new(StringComparer.Ordinal));

    private sealed record RuleCache(ApplicationsOptions? Applications, EngineOptions? Engine, int Generation, ConcurrentDictionary<string, IReadOnlyList<ChannelRule>> Rules);

    private IReadOnlyList<ChannelRule> Resolve(string applicationId, ApplicationsOptions settings, EngineOptions defaults)
    {
        var configured = settings.TryGetValue(applicationId, out var app) ? app.Channels : [];
        var code = declared.Of(applicationId);
        if (code.Count == 0 && configured.Count == 0)
        {
            return [];
        }

        // Of entries configured twice for one pattern the first counts, as it always did.
        var firstOf = new Dictionary<string, ChannelRuleOptions>(StringComparer.Ordinal);
        foreach (var rule in configured)
        {
            firstOf.TryAdd(rule.Pattern, rule);
        }

        var rules = code.Select(declaration => Resolve(declaration, firstOf.GetValueOrDefault(declaration.Pattern), defaults)).ToList();
        rules.AddRange(configured
            .Where(rule => ReferenceEquals(firstOf[rule.Pattern], rule) && !code.Any(d => d.Pattern == rule.Pattern))
            .Select(rule => Resolve(declaration: null, rule, defaults)));
        return rules.ToArray();
    }

    private static int Score(string pattern) => pattern.EndsWith('*') ? pattern.Length - 1 : int.MaxValue;

    private static ChannelRule Resolve(ChannelDeclaration? declaration, ChannelRuleOptions? configured, EngineOptions defaults) =>
        new(
            declaration?.Pattern ?? configured!.Pattern,
            configured?.Join ?? declaration?.Join ?? false,
            configured?.Publish ?? declaration?.Publish ?? false,
            configured?.Presence ?? declaration?.Presence ?? false,
            configured?.HistorySize ?? declaration?.HistorySize ?? defaults.HistorySize,
            configured?.HistoryAge ?? declaration?.HistoryAge ?? defaults.HistoryAge,
            configured?.Archive ?? declaration?.Archive ?? false,
            configured?.HistoryMaxBytes ?? declaration?.HistoryMaxBytes ?? defaults.HistoryMaxBytes);

    /// <summary>The rule for a channel the server itself uses, whether or not a pattern matches.</summary>
    /// <param name="channel">The channel.</param>
    public ChannelRule ForServer(ChannelKey channel)
    {
        var settings = engine.CurrentValue;
        return Find(channel) ?? new ChannelRule("(server)", Join: false, Publish: false, Presence: false, settings.HistorySize, settings.HistoryAge, Archive: false, settings.HistoryMaxBytes);
    }
}
