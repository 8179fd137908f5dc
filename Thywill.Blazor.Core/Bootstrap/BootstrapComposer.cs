using Thywill.Blazor.Applications;

namespace Thywill.Blazor.Bootstrap;

/// <summary>
/// Runs every contributor in component order (the application last) to compose an init page and,
/// per client, its configuration.
/// </summary>
internal sealed class BootstrapComposer(IEnumerable<IBootstrapContributor> contributors, IApplicationCatalog catalog)
{
    private readonly IBootstrapContributor[] _components = contributors
        .Where(c => c.Component != ThywillComponent.Application)
        .OrderBy(c => c.Component)
        .ToArray();

    private readonly IBootstrapContributor[] _applicationContributors = contributors
        .Where(c => c.Component == ThywillComponent.Application)
        .ToArray();

    public BootstrapPage ComposePage(ApplicationDescriptor application)
    {
        var bootstrap = new List<BootstrapResource>();
        var context = new ResourceContributionContext(application, bootstrap);
        foreach (var contributor in _components)
        {
            contributor.ContributeResources(context);
        }

        var appResources = new List<BootstrapResource>();
        var appContext = new ResourceContributionContext(application, appResources);
        foreach (var contributor in ApplicationContributors(application.Id))
        {
            contributor.ContributeResources(appContext);
        }

        return new BootstrapPage(application, bootstrap, appResources);
    }

    /// <param name="client">The client.</param>
    /// <param name="resumed">Whether it resumed an earlier identity.</param>
    /// <param name="cancellationToken">Cancels the contributors.</param>
    /// <param name="recorded">The client's row as its connect just recorded it, if it did.</param>
    public async Task<ClientConfiguration> ComposeClientAsync(ClientInfo client, bool resumed, CancellationToken cancellationToken, Storage.Entities.StoredClient? recorded = null)
    {
        var application = catalog.Find(client.ApplicationId)
            ?? throw new InvalidOperationException($"No application '{client.ApplicationId}'.");
        var page = ComposePage(application);

        var bootstrapParameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var context = new ClientBootstrapContext(client, application, resumed, bootstrapParameters) { Recorded = recorded };
        foreach (var contributor in _components)
        {
            await contributor.ContributeParametersAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var applicationParameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var appContext = new ClientBootstrapContext(client, application, resumed, applicationParameters);
        foreach (var contributor in ApplicationContributors(application.Id))
        {
            await contributor.ContributeParametersAsync(appContext, cancellationToken).ConfigureAwait(false);
        }

        return new ClientConfiguration
        {
            Uuid = client.ClientId,
            ClientId = client.ClientId,
            ApplicationId = client.ApplicationId,
            Resumed = resumed,
            BootstrapResources = page.BootstrapResources.Select(ClientConfiguration.ResourceEntry.From).ToArray(),
            BootstrapParameters = bootstrapParameters,
            ApplicationResources = page.ApplicationResources.Select(ClientConfiguration.ResourceEntry.From).ToArray(),
            ApplicationParameters = applicationParameters,
        };
    }

    // The framework's own application contributors (descriptor resources, configured parameters)
    // come first; an application that implements IBootstrapContributor itself refines them.
    private IEnumerable<IBootstrapContributor> ApplicationContributors(string applicationId)
    {
        foreach (var contributor in _applicationContributors)
        {
            yield return contributor;
        }

        if (catalog.GetApplication(applicationId) is IBootstrapContributor own)
        {
            yield return own;
        }
    }
}
