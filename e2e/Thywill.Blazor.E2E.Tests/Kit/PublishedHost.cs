namespace Thywill.Blazor.E2E.Kit;

/// <summary>The published Host in the Production environment on a free loopback port, with its own SQLite file.</summary>
public sealed class PublishedHost : IAsyncLifetime
{
    private HostProcess? _host;
    private string _workFolder = "";

    /// <summary>The address the host listens on.</summary>
    public Uri BaseAddress => _host!.BaseAddress;

    /// <summary>What the host printed so far.</summary>
    public string Output => _host?.Output ?? "";

    /// <summary>The URL of an application's init page.</summary>
    /// <param name="applicationId">The application id.</param>
    public string AppUrl(string applicationId) => new Uri(BaseAddress, "thywill/init/" + applicationId).ToString();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _workFolder = Directory.CreateTempSubdirectory("thywill-published-").FullName;
        _host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Thywill__Database__ConnectionString"] = "Data Source=" + Path.Combine(_workFolder, "thywill.db"),
            ["Thywill__Drain__Delay"] = "00:00:00",
            ["Logging__Folder"] = Path.Combine(_workFolder, "logs"),
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
