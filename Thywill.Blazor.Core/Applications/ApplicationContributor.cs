using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.Applications;

/// <summary>
/// The application interface's part of the bootstrap: the application's own resources (from its
/// descriptor) and its parameters (from <c>Thywill:Applications:{id}:Parameters</c>), always last.
/// </summary>
internal sealed class ApplicationContributor(IOptions<ApplicationsOptions> options, IServiceProvider services) : IBootstrapContributor
{
    private readonly ConcurrentDictionary<string, BootstrapResource[]> _folders = new(StringComparer.Ordinal);

    public ThywillComponent Component => ThywillComponent.Application;

    public void ContributeResources(ResourceContributionContext context)
    {
        foreach (var resource in context.Application.Resources)
        {
            context.Add(resource);
        }

        if (context.Application.ResourceFolder is { } folder)
        {
            foreach (var resource in _folders.GetOrAdd(folder, ListFolder))
            {
                context.Add(resource);
            }
        }
    }

    // Styles first, then scripts, each by name: a folder's files in a predictable order.
    private BootstrapResource[] ListFolder(string folder)
    {
        // Resolved only when an application uses a folder: hosts without a web root never need it.
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var trimmed = folder.Trim('/');
        var files = environment.WebRootFileProvider.GetDirectoryContents(trimmed)
            .Where(f => !f.IsDirectory)
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"The resource folder '{folder}' has no files in the web root.");
        }

        return files.Where(n => n.EndsWith(".css", StringComparison.OrdinalIgnoreCase)).Select(n => BootstrapResource.Style($"{trimmed}/{n}"))
            .Concat(files.Where(n => n.EndsWith(".js", StringComparison.OrdinalIgnoreCase)).Select(n => BootstrapResource.Script($"{trimmed}/{n}")))
            .ToArray();
    }

    public ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        if (options.Value.TryGetValue(context.Application.Id, out var settings))
        {
            foreach (var (key, value) in settings.Parameters)
            {
                context.Parameters[key] = value;
            }
        }

        return ValueTask.CompletedTask;
    }
}
