namespace Thywill.Blazor.E2E.Kit;

/// <summary>The sample Host, shared by the tests of one class (the kit's fixture, on this Host).</summary>
public sealed class HostFixture : ThywillHostFixture<Program>;
