namespace Thywill.Blazor.E2E.Kit;

/// <summary>
/// Points the sample Host's own log files (its Serilog file sink, <c>Logging:Folder</c>) at a temp
/// folder for the run instead of the Host project's folder. Tests read what a host logged through
/// <see cref="ThywillTestHost.ReadLog"/>, which captures it in memory.
/// </summary>
public sealed class SampleHostLogFolder : IDisposable
{
    private const string Variable = "Logging__Folder";

    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Creates the folder and sets the Host's setting for every host started in this process.</summary>
    public SampleHostLogFolder()
    {
        Folder = Directory.CreateTempSubdirectory("thywill-e2e-logs-").FullName;
        Environment.SetEnvironmentVariable(Variable, Folder);
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A host still closing may hold its file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
