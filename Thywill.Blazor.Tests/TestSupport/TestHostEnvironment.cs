using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>The host environment AddThywill's database setup needs outside a real host.</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Development;

    public string ApplicationName { get; set; } = "Thywill.Blazor.Tests";

    public string ContentRootPath { get; set; } = contentRoot;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
