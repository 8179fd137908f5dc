using Thywill.Blazor.Testing;

namespace Thywill.Blazor.E2E.Kit;

/// <summary>
/// Every e2e test shares one browser and runs in sequence (the machine has two cores); the sample
/// Host's log files go to a temp folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ThywillTestCollection, ICollectionFixture<SampleHostLogFolder>
{
    /// <summary>The collection name.</summary>
    public new const string Name = "e2e";
}
