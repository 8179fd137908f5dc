using Xunit;

namespace Thywill.Blazor.Testing;

/// <summary>
/// The fixtures a browser test collection shares: one Chromium (<see cref="BrowserFixture"/>) for all
/// its tests, which then run one after the other. xunit finds collection definitions only in the test
/// assembly itself, so a test project declares its collection with one line:
/// <code>
/// [CollectionDefinition(ThywillTestCollection.Name)]
/// public sealed class BrowserTests : ThywillTestCollection;
/// </code>
/// and marks its test classes <c>[Collection(ThywillTestCollection.Name)]</c>.
/// </summary>
public abstract class ThywillTestCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name in the kit's own examples and templates.</summary>
    public const string Name = "thywill-browser";
}
