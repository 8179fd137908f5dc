using System.Text.RegularExpressions;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;

namespace Thywill.Blazor.Applications;

/// <summary>
/// What the framework needs to know to serve an application: its id (the <c>{app}</c> of
/// <c>/thywill/init/{app}</c>), how to present it, and its front end — JavaScript resources, a
/// Razor component, or both.
/// </summary>
public sealed partial record ApplicationDescriptor
{
    /// <summary>Creates a descriptor after checking the id.</summary>
    /// <param name="id">Lower-case letters, digits and dashes; 1–64 characters.</param>
    /// <param name="name">The human-readable name.</param>
    /// <exception cref="ArgumentException">The id is not valid.</exception>
    public ApplicationDescriptor(string id, string name)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a valid application id: use 1-64 lower-case letters, digits and dashes.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
    }

    /// <summary>The application id.</summary>
    public string Id { get; }

    /// <summary>The human-readable name.</summary>
    public string Name { get; }

    /// <summary>One line saying what the application does.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// The Razor component that is the application's front end, rendered inside the client root once
    /// the bootstrap completes; <see langword="null"/> for a JavaScript-only front end.
    /// </summary>
    public Type? Component { get; init; }

    /// <summary>
    /// Scripts and styles of the front end (the seed's <c>application_resources</c>), loaded after
    /// every bootstrap resource and before Blazor's script.
    /// </summary>
    public IReadOnlyList<BootstrapResource> Resources { get; init; } = [];

    /// <summary>
    /// A folder of the web root (e.g. <c>_content/My.Apps/draw</c>) whose style sheets and then scripts,
    /// each in name order, are added after <see cref="Resources"/> — so a JavaScript front end needs
    /// no list of its files in C#.
    /// </summary>
    public string? ResourceFolder { get; init; }

    /// <summary>
    /// The rules of the application's channels, each for a pattern (see <see cref="ChannelDeclaration"/>).
    /// A channel no rule matches is unknown to browsers (<c>not-found</c>). Entries of
    /// <c>Thywill:Applications:{id}:Channels</c> override these pattern by pattern, and add patterns.
    /// </summary>
    /// <exception cref="ArgumentException">Two declarations have the same pattern.</exception>
    public IReadOnlyList<ChannelDeclaration> Channels
    {
        get => _channels;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var duplicate = value.GroupBy(c => c.Pattern, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            _channels = duplicate is null ? value.ToArray() : throw new ArgumentException($"The channel pattern '{duplicate.Key}' is declared twice.", nameof(Channels));
        }
    }

    private readonly IReadOnlyList<ChannelDeclaration> _channels = [];

    /// <summary>Whether an id is acceptable as an application id.</summary>
    /// <param name="id">The candidate.</param>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    // \z, not $: in .NET "$" also matches before a final newline.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
