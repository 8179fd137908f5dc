using Microsoft.Extensions.Options;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Channels;

/// <summary>
/// Resolves the rule of a channel from <c>Thywill:Applications:{app}:Channels</c>: an exact name wins,
/// else the longest matching prefix pattern. Framework channels (<c>$client:…</c>, <c>$broadcast</c>, …)
/// get a fixed rule: no browser may join or publish; history from the engine's defaults.
/// </summary>
internal sealed class ChannelRules(IOptionsMonitor<ApplicationsOptions> applications, IOptionsMonitor<EngineOptions> engine)
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

        if (!applications.CurrentValue.TryGetValue(channel.ApplicationId, out var app))
        {
            return null;
        }

        string? bestPattern = null;
        ChannelRuleOptions? best = null;
        foreach (var rule in app.Channels)
        {
            var pattern = rule.Pattern;
            if (!ChannelNames.Matches(pattern, channel.Name))
            {
                continue;
            }

            // Exact beats any wildcard; among wildcards the longest prefix wins.
            var score = pattern.EndsWith('*') ? pattern.Length - 1 : int.MaxValue;
            var bestScore = bestPattern is null ? -1 : bestPattern.EndsWith('*') ? bestPattern.Length - 1 : int.MaxValue;
            if (score > bestScore)
            {
                bestPattern = pattern;
                best = rule;
            }
        }

        return best is null ? null : Resolve(best, defaults);
    }

    /// <summary>The rules configured for an application, as in force (engine defaults filled in), in configuration order.</summary>
    /// <param name="applicationId">The application.</param>
    public IReadOnlyList<ChannelRule> RulesOf(string applicationId)
    {
        var defaults = engine.CurrentValue;
        return applications.CurrentValue.TryGetValue(applicationId, out var app)
            ? app.Channels.Select(rule => Resolve(rule, defaults)).ToArray()
            : [];
    }

    private static ChannelRule Resolve(ChannelRuleOptions rule, EngineOptions defaults) =>
        new(
            rule.Pattern,
            rule.Join,
            rule.Publish,
            rule.Presence,
            rule.HistorySize ?? defaults.HistorySize,
            rule.HistoryAge ?? defaults.HistoryAge,
            rule.Archive,
            rule.HistoryMaxBytes ?? defaults.HistoryMaxBytes);

    /// <summary>The rule for a channel the server itself uses, whether or not a pattern matches.</summary>
    /// <param name="channel">The channel.</param>
    public ChannelRule ForServer(ChannelKey channel)
    {
        var settings = engine.CurrentValue;
        return Find(channel) ?? new ChannelRule("(server)", Join: false, Publish: false, Presence: false, settings.HistorySize, settings.HistoryAge, Archive: false, settings.HistoryMaxBytes);
    }
}
