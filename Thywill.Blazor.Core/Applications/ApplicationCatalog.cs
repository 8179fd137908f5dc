using Microsoft.Extensions.Options;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// Indexes the registered applications and the configuration-only ones, leaving out those disabled by
/// configuration. Built once, at start-up (<see cref="ApplicationCatalogStartup"/>): that is where
/// <c>Thywill:Applications</c> is checked against the applications registered in code, because only
/// the catalog knows both.
/// </summary>
internal sealed class ApplicationCatalog : IApplicationCatalog
{
    private readonly Dictionary<string, IThywillApplication> _byId;
    private readonly IReadOnlyList<ApplicationDescriptor> _all;

    public ApplicationCatalog(IEnumerable<IThywillApplication> applications, IOptions<ApplicationsOptions> options, IThywillServer server, DeclaredChannels declaredChannels)
    {
        _byId = new Dictionary<string, IThywillApplication>(StringComparer.Ordinal);
        foreach (var application in applications)
        {
            var id = application.Descriptor.Id;
            if (!_byId.TryAdd(id, application))
            {
                throw new InvalidOperationException($"Two applications are registered with the id '{id}'.");
            }

            (application as ThywillApplication)?.Bind(server);
        }

        var settings = options.Value;
        var registered = _byId.Keys.Order(StringComparer.Ordinal).ToArray();
        var errors = new List<string>();
        foreach (var (id, app) in settings)
        {
            var key = $"Thywill:{ApplicationsOptions.Section}:{id}";
            if (app.Name is not null && _byId.ContainsKey(id))
            {
                errors.Add($"{key}:Name is set, but '{id}' is registered in code; a configuration-only application needs an id of its own.");
            }
            else if (app.Name is not null)
            {
                _byId[id] = new ConfiguredApplication(id, app);
            }
            else if (!_byId.ContainsKey(id))
            {
                errors.Add($"{key} names no registered application (registered: {string.Join(", ", registered)}).");
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ApplicationsOptions), errors);
        }

        declaredChannels.Set(_byId.Select(p => KeyValuePair.Create(p.Key, p.Value.Descriptor.Channels)));
        _all = _byId.Values
            .Select(a => a.Descriptor)
            .Where(d => !settings.TryGetValue(d.Id, out var s) || s.Enabled)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        Disabled = _byId.Keys.Where(id => settings.TryGetValue(id, out var s) && !s.Enabled).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<ApplicationDescriptor> All => _all;

    public IReadOnlyList<string> Disabled { get; }

    public ApplicationDescriptor? Find(string applicationId) =>
        GetApplication(applicationId)?.Descriptor;

    public IThywillApplication? GetApplication(string applicationId) =>
        _byId.TryGetValue(applicationId, out var app) && _all.Contains(app.Descriptor) ? app : null;
}
