namespace Thywill.Blazor.Bootstrap;

/// <summary>
/// A component's part in a client's bootstrap (the seed's <c>bootstrap_client</c> hook). Each
/// component adds the resources its browser half needs to the page, then parameters to each client's
/// configuration. Contributors run in <see cref="ThywillComponent"/> order, the application last.
/// </summary>
internal interface IBootstrapContributor
{
    /// <summary>Which component this is; decides the order of contributions.</summary>
    ThywillComponent Component { get; }

    /// <summary>Adds scripts and styles to the init page of an application. Runs once per page render.</summary>
    /// <param name="context">The application and the list to add to.</param>
    void ContributeResources(ResourceContributionContext context);

    /// <summary>Adds parameters to one client's configuration, once its identity is known.</summary>
    /// <param name="context">The client and the parameters to add to.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken);
}
