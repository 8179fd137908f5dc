namespace ThywillApp1.Tests;

/// <summary>
/// The kit's browser collection: one Chromium for every test class marked
/// <c>[Collection(ThywillTestCollection.Name)]</c>. xunit finds collection definitions only in the
/// test assembly, hence this line.
/// </summary>
[CollectionDefinition(ThywillTestCollection.Name)]
public sealed class BrowserTests : ThywillTestCollection;
