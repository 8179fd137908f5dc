using Microsoft.Extensions.Options;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>Indexes the registered applications, leaving out those disabled by configuration.</summary>
internal sealed class ApplicationCatalog : IApplicationCatalog
{
    private readonly Dictionary<string, IThywillApplication> _byId;
    private readonly IReadOnlyList<ApplicationDescriptor> _all;

    public ApplicationCatalog(IEnumerable<IThywillApplication> applications, IOptionsMonitor<ThywillOptions> options)
    {
        _byId = new Dictionary<string, IThywillApplication>(StringComparer.Ordinal);
        foreach (var application in applications)
        {
            var id = application.Descriptor.Id;
            if (!_byId.TryAdd(id, application))
            {
                throw new InvalidOperationException($"Two applications are registered with the id '{id}'.");
            }
        }

        var settings = options.CurrentValue.Applications;
        foreach (var (id, app) in settings)
        {
            if (app.Name is not null && ApplicationDescriptor.IsValidId(id) && !_byId.ContainsKey(id))
            {
                _byId[id] = new ConfiguredApplication(id, app);
            }
        }

        _all = _byId.Values
            .Select(a => a.Descriptor)
            .Where(d => !settings.TryGetValue(d.Id, out var s) || s.Enabled)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
    }

    public IReadOnlyList<ApplicationDescriptor> All => _all;

    public ApplicationDescriptor? Find(string applicationId) =>
        GetApplication(applicationId)?.Descriptor;

    public IThywillApplication? GetApplication(string applicationId) =>
        _byId.TryGetValue(applicationId, out var app) && _all.Contains(app.Descriptor) ? app : null;
}
