using System.Text.RegularExpressions;

namespace Thywill.Blazor.Channels;

/// <summary>What a channel name may be.</summary>
internal static partial class ChannelNames
{
    /// <summary>The longest channel name.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Whether an application (or a browser) may use this name: 1–128 letters, digits and
    /// <c>_ - : . @ #</c>, not starting with <c>$</c> (reserved for the framework's own channels).
    /// </summary>
    /// <param name="name">The candidate.</param>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Whether a pattern (<c>room:*</c>, <c>lobby</c>, <c>*</c>) is well formed.</summary>
    /// <param name="pattern">The candidate.</param>
    public static bool IsValidPattern(string? pattern) =>
        pattern is not null && (pattern == "*" || (pattern.EndsWith('*') ? IsValid(pattern[..^1]) : IsValid(pattern)));

    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/> (exact, or prefix before a final <c>*</c>).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="name">The channel name.</param>
    public static bool Matches(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, name, StringComparison.Ordinal);

    // \z, not $: $ also matches before a final newline, which would let "room:1\n" through.
    [GeneratedRegex("^[A-Za-z0-9_\\-:.@#]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
