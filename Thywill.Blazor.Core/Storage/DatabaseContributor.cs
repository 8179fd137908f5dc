using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Storage;

/// <summary>The database's part of the bootstrap: when this client was first seen.</summary>
internal sealed class DatabaseContributor(IThywillStore store) : IBootstrapContributor
{
    public ThywillComponent Component => ThywillComponent.Database;

    public void ContributeResources(ResourceContributionContext context)
    {
        // The database has no browser half.
    }

    public async ValueTask ContributeParametersAsync(ClientBootstrapContext context, CancellationToken cancellationToken)
    {
        // The connect has just recorded the row: reading it back would cost a second context and query.
        var stored = context.Recorded ?? await store.FindClientAsync(context.Client.ClientId, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            context.Parameters["firstSeen"] = stored.FirstSeen.ToUnixTimeMilliseconds();
            context.Parameters["connectCount"] = stored.ConnectCount;
        }
    }
}
