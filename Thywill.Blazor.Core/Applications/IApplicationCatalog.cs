namespace Thywill.Blazor.Applications;

/// <summary>The applications this server serves, by id.</summary>
public interface IApplicationCatalog
{
    /// <summary>Every enabled application, ordered by id.</summary>
    IReadOnlyList<ApplicationDescriptor> All { get; }

    /// <summary>The ids of registered applications that configuration disables (<c>Enabled: false</c>): not served, ordered by id.</summary>
    IReadOnlyList<string> Disabled { get; }

    /// <summary>Finds an enabled application.</summary>
    /// <param name="applicationId">The id.</param>
    /// <returns>The descriptor, or <see langword="null"/> when no enabled application has that id.</returns>
    ApplicationDescriptor? Find(string applicationId);

    /// <summary>Gets the server side of an enabled application.</summary>
    /// <param name="applicationId">The id.</param>
    /// <returns>The application, or <see langword="null"/> when none.</returns>
    IThywillApplication? GetApplication(string applicationId);
}
